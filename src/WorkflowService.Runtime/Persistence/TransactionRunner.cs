namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Runs the runtime's writes outside a step: each attempt is a unit of work of a write batch
/// (<see cref="WriteBatcher"/>: a fresh context in the batch's transaction, in a savepoint of its own),
/// answered once the batch has committed; a transient failure (<see cref="TransientRetry"/>) redoes the
/// whole attempt on fresh rows in a later batch. The unit must therefore read what it decides on inside
/// the attempt, save what it changes, and leave side effects (dispatching timers, notifications, logs
/// of what was done) to its caller, after the commit.
/// </summary>
public sealed class TransactionRunner(WriteBatcher batcher, TransientRetry retry)
{
    /// <summary>For tests that build a runner of their own over the same batcher.</summary>
    internal WriteBatcher Batcher => batcher;

    /// <summary>
    /// Runs <paramref name="work"/> in one committed transaction. An exception from the work rolls
    /// everything it did back; a refusal (e.g. a <see cref="Instances.ConflictException"/>) is not retried.
    /// </summary>
    /// <param name="what">Names the write in the retry log ("draft of complaint").</param>
    public Task<T> RunAsync<T>(string what, Func<WorkflowDbContext, Task<T>> work, CancellationToken ct,
        TransientErrors retryOn = TransientErrors.Default) =>
        retry.RunAsync(what, _ => batcher.RunAsync(work, ct), ct, retryOn);

    /// <inheritdoc cref="RunAsync{T}(string, Func{WorkflowDbContext, Task{T}}, CancellationToken, TransientErrors)"/>
    public Task RunAsync(string what, Func<WorkflowDbContext, Task> work, CancellationToken ct,
        TransientErrors retryOn = TransientErrors.Default) =>
        RunAsync(what, async db =>
        {
            await work(db);
            return true;
        }, ct, retryOn);

    /// <summary>
    /// Saves what <paramref name="db"/> tracks, in the write turn, for a writer that must keep its
    /// context across something slow that cannot run in a turn (an SMTP conversation). Only a busy
    /// database is retried: the same changes are sent again, which is safe because nothing was
    /// written; a conflict would only fail again with the same stale rows, so it is reported.
    /// </summary>
    public Task SaveChangesAsync(WorkflowDbContext db, string what, CancellationToken ct) =>
        retry.RunAsync(what, _ => batcher.RunAloneAsync(() => db.SaveChangesAsync(ct), ct), ct, TransientErrors.Busy);
}
