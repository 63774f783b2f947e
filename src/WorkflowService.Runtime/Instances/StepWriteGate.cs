namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Queues this process's writers for SQLite's single write lock. A write transaction holds that
/// lock from its BEGIN IMMEDIATE to its commit either way; without the gate, the writers that find
/// it taken wait in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15... ms between tries and so
/// leaves the lock idle after it is released: four concurrent callers started fewer instances per
/// second than one. Queued here, the next writer begins the moment the previous one commits.
/// Every writer of the runtime takes its turn here (steps through the <see cref="InstanceRunner"/>,
/// everything else through <see cref="Persistence.TransactionRunner"/>). Two kinds of writer stay
/// outside and meet the busy handler, as other processes on the same file do: ASP.NET Identity's
/// stores (sign-in failure counts, users created at start-up) and the data-protection key ring,
/// which write through the framework's own scoped context; both are rare and short. PostgreSQL
/// has row locks and concurrent writers: no gate.
/// </summary>
public sealed class StepWriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _gate = serialize ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Set on the async path that holds a turn (with or without a semaphore), to refuse a second one.</summary>
    private readonly AsyncLocal<bool> _held = new();

    /// <summary>Whether the current async path is inside a turn.</summary>
    internal bool IsHeld => _held.Value;

    /// <summary>
    /// Runs <paramref name="body"/> in this process's turn, which ends when it does. The semaphore is
    /// not reentrant: a writer called from inside a turn would wait for itself forever, so a second
    /// turn on one async path throws at once instead (on PostgreSQL too, where it would not hang, so
    /// that tests on either provider find it).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> body, CancellationToken ct)
    {
        if (_held.Value)
            throw new InvalidOperationException(
                "This code already holds the write gate: a writer must not be called from inside a step or another unit of work; " +
                "use the open context instead");
        if (_gate is not null) await _gate.WaitAsync(ct);
        try
        {
            _held.Value = true;
            return await body();
        }
        finally
        {
            _held.Value = false;
            _gate?.Release();
        }
    }
}
