using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Group commit: the runtime's writers (steps through the <see cref="Instances.InstanceRunner"/>, everything else through
/// <see cref="TransactionRunner"/>) queue here, and the units that arrive together are written in one transaction, each
/// inside a savepoint of its own, so a unit that fails is rolled back alone and the others still commit. A caller's task
/// completes only after the commit that holds its unit: nothing is acknowledged before it is durable, and effects
/// (timers, mail, notifications) are dispatched by the caller after that, as before.
/// <para>
/// A lane writes one batch at a time: it takes the first waiting unit at once (a lone step never waits), then every unit
/// that queued meanwhile, up to <see cref="BatchingOptions.MaxSteps"/>, optionally lingering
/// <see cref="BatchingOptions.MaxWait"/> for more while others are arriving. SQLite has one lane: its single write lock
/// is taken by the batch's BEGIN IMMEDIATE, and the next batch begins the moment the previous one commits (writers that
/// wait in SQLite's busy handler instead sleep 1, 2, 5, 10... ms and leave the lock idle). PostgreSQL has
/// <see cref="BatchingOptions.Lanes"/> lanes per node; several nodes' batches meet in row locks and the instance's
/// concurrency token, and a unit that loses is rolled back to its savepoint, the others commit, and its caller retries it
/// in a later batch.
/// </para>
/// Two kinds of writer stay outside and meet the busy handler, as other processes on the same file do: ASP.NET Identity's
/// stores and the data-protection key ring, which write through the framework's own scoped context; both are rare and short.
/// </summary>
public sealed class WriteBatcher : IAsyncDisposable, IDisposable
{
    private static readonly Meter Meter = new("WorkflowService.Runtime");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>("workflow.write.batch_size", "{unit}",
        "Units of work written in one commit");

    private readonly WorkflowDbFactory _dbFactory;
    private readonly BatchingOptions _options;
    private readonly ILogger<WriteBatcher> _logger;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Task[] _lanes;

    /// <summary>Set on the async path that runs a unit, to refuse a second one (it would wait for its own batch forever).</summary>
    private readonly AsyncLocal<bool> _held = new();

    private long _commits;
    private long _committedUnits;

    /// <param name="lanes">Batches written side by side; 1 for SQLite (one write lock).</param>
    public WriteBatcher(WorkflowDbFactory dbFactory, BatchingOptions options, int lanes, ILogger<WriteBatcher> logger)
    {
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        _dbFactory = dbFactory;
        _options = options;
        _logger = logger;
        // Not in the creator's execution context: a lane outlives the request that happened to build the batcher.
        using (ExecutionContext.SuppressFlow())
            _lanes = Enumerable.Range(0, lanes).Select(_ => Task.Run(RunLaneAsync)).ToArray();
    }

    /// <summary>
    /// Raised (on the lane, before any of its callers is answered) when a batch was not committed: whatever was remembered
    /// from its rows must be forgotten (<see cref="Definitions.DefinitionCache"/>: SQLite gives a rolled-back row's id again).
    /// </summary>
    public event Action? Aborted;

    /// <summary>Whether the current async path is inside a unit of work.</summary>
    internal bool IsHeld => _held.Value;

    /// <summary>Commits written so far, and the units they held (the mean batch size is their ratio).</summary>
    public (long Commits, long Units) Written => (Interlocked.Read(ref _commits), Interlocked.Read(ref _committedUnits));

    /// <summary>
    /// Runs <paramref name="work"/> on a context whose transaction is a batch's, inside a savepoint of its own, and
    /// returns its result once the batch has committed. An exception from the work rolls back its savepoint only and is
    /// thrown here once the batch has ended; a batch that could not commit throws <see cref="WriteBatchAbortedException"/>
    /// (or <see cref="WriteBatchOutcomeUnknownException"/>) for its units. The work must save what it changes
    /// (<c>SaveChangesAsync</c>) and must not commit, begin a transaction or keep the context.
    /// </summary>
    public Task<T> RunAsync<T>(Func<WorkflowDbContext, Task<T>> work, CancellationToken ct) => Enqueue(new Unit<T>(work, null, ct));

    /// <summary>
    /// Runs <paramref name="body"/> between batches, with no transaction of the batcher open: for a writer whose context
    /// must outlive something slow (an SMTP conversation) and that saves it in the write turn. On SQLite nothing else
    /// writes while it runs.
    /// </summary>
    public Task<T> RunAloneAsync<T>(Func<Task<T>> body, CancellationToken ct) => Enqueue(new Unit<T>(null, body, ct));

    /// <summary>Queues <paramref name="unit"/> for a lane, refusing a writer inside a unit (it would wait for its own batch).</summary>
    private Task<T> Enqueue<T>(Unit<T> unit)
    {
        if (_held.Value)
            throw new InvalidOperationException(
                "This code already holds the write gate: a writer must not be called from inside a step or another unit of work; " +
                "use the open context instead");
        if (!_queue.Writer.TryWrite(unit)) throw new ObjectDisposedException(nameof(WriteBatcher), "The service is stopping: nothing more is written");
        return unit.Task;
    }

    private async Task RunLaneAsync()
    {
        Unit? next = null;
        while (next is not null || await _queue.Reader.WaitToReadAsync())
        {
            if (next is null && !_queue.Reader.TryRead(out next)) continue;
            var first = next;
            next = null;
            try
            {
                if (first.IsAlone) await RunAloneUnitAsync(first);
                else next = await RunBatchAsync(first);
            }
            catch (Exception ex)
            {
                // Never expected (each unit's and each batch's errors are their callers'); but a lane that died would leave
                // every later writer waiting for ever, so it reports and goes on.
                _logger.WriteLaneFault(ex);
                first.Fail(ex);
            }
        }
    }

    private async Task RunAloneUnitAsync(Unit unit)
    {
        if (unit.Canceled()) return;
        try
        {
            await unit.RunInCallersContext(null, _held);
            unit.Succeed();
        }
        catch (Exception ex)
        {
            unit.Fail(ex);
        }
    }

    /// <summary>Writes one batch beginning with <paramref name="first"/>; returns a unit it read but could not take (one that runs alone).</summary>
    private async Task<Unit?> RunBatchAsync(Unit first)
    {
        var done = new List<Unit>();
        var refused = new List<(Unit Unit, Exception Error)>();
        var taken = 0;
        Unit? leftOver = null;
        var current = first;
        Exception? failure = null;
        var committing = false;
        WorkflowDbContext? db = null;
        IDbContextTransaction? tx = null;
        try
        {
            if (first.Canceled()) return null;
            db = _dbFactory.Create();
            // The units' own savepoints replace the one EF Core would set around every SaveChanges in a transaction.
            db.Database.AutoSavepointsEnabled = false;
            tx = await db.Database.BeginTransactionAsync();
            while (true)
            {
                taken++;
                if (!current.Canceled() && await RunInSavepointAsync(db, tx, current, refused)) done.Add(current);
                if (taken >= _options.MaxSteps) break;
                if (!_queue.Reader.TryRead(out var more) && (more = await LingerAsync(taken)) is null) break;
                if (more.IsAlone)
                {
                    leftOver = more;
                    break;
                }
                current = more;
            }
            committing = true;
            if (done.Count > 0) await tx.CommitAsync();
            else await tx.RollbackAsync();
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await ReleaseAsync(tx, db);
        }
        // Everyone is answered only now that the transaction has ended: a unit refused because of a batch-mate's rows must
        // not act on them (e.g. read them on another connection) before they are committed, or after they were not.
        if (failure is null) AnswerCommitted(done, refused);
        else AnswerAborted(done, refused, current, failure, committing, taken);
        return leftOver;
    }

    private void AnswerCommitted(List<Unit> done, List<(Unit Unit, Exception Error)> refused)
    {
        if (done.Count > 0)
        {
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _committedUnits, done.Count);
            BatchSizes.Record(done.Count);
        }
        foreach (var unit in done) unit.Succeed();
        foreach (var (unit, error) in refused) unit.Fail(error);
    }

    /// <summary>
    /// Nothing of the batch was written: a failed BEGIN or COMMIT, or a savepoint that could not be rolled back (the database
    /// ended the whole transaction). A unit that met the error in its own start gets it; every other unit, refused or not,
    /// may be tried again (a refusal may have rested on rows that were never committed). A COMMIT that failed without the
    /// database saying so (a connection lost on PostgreSQL) may have committed: those units are told the outcome is
    /// unknown, not to try again, so nothing is done twice.
    /// </summary>
    private void AnswerAborted(List<Unit> done, List<(Unit Unit, Exception Error)> refused, Unit current, Exception failure,
        bool committing, int taken)
    {
        Aborted?.Invoke();
        if (!done.Contains(current) && !refused.Exists(r => r.Unit == current)) current.Fail(failure);
        Exception others = committing && failure is not SqliteException and not Npgsql.PostgresException
            ? new WriteBatchOutcomeUnknownException(failure)
            : new WriteBatchAbortedException(failure);
        foreach (var unit in done) unit.Fail(others);
        foreach (var (unit, _) in refused) unit.Fail(others);
        _logger.WriteBatchFailed(failure, taken);
    }

    /// <summary>
    /// Gives back the batch's transaction and context. After a commit its units are answered whatever happens here, so a
    /// failure to close (a connection already broken) is logged, not thrown.
    /// </summary>
    private async Task ReleaseAsync(IDbContextTransaction? tx, WorkflowDbContext? db)
    {
        try
        {
            if (tx is not null) await tx.DisposeAsync();
        }
        catch (Exception ex)
        {
            _logger.WriteBatchNotReleased(ex);
        }
        try
        {
            if (db is not null)
            {
                db.Database.AutoSavepointsEnabled = true;
                await db.DisposeAsync();
            }
        }
        catch (Exception ex)
        {
            _logger.WriteBatchNotReleased(ex);
        }
    }

    /// <summary>
    /// Runs one unit in its own savepoint. False when it failed: its error is in <paramref name="refused"/> (told to its
    /// caller once the batch has ended), and its changes are gone (rolled back to the savepoint, its tracked entities
    /// dropped). A savepoint that cannot be rolled back fails the batch.
    /// </summary>
    private async Task<bool> RunInSavepointAsync(WorkflowDbContext db, IDbContextTransaction tx, Unit unit,
        List<(Unit Unit, Exception Error)> refused)
    {
        await tx.CreateSavepointAsync(SavepointName);
        try
        {
            await unit.RunInCallersContext(db, _held);
            await tx.ReleaseSavepointAsync(SavepointName);
            return true;
        }
        catch (Exception ex)
        {
            refused.Add((unit, ex));
            await tx.RollbackToSavepointAsync(SavepointName);
            await tx.ReleaseSavepointAsync(SavepointName);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private const string SavepointName = "unit";

    /// <summary>With other units arriving (the batch holds more than one), waits up to MaxWait for the next one.</summary>
    private async ValueTask<Unit?> LingerAsync(int inBatch)
    {
        if (inBatch < 2 || _options.MaxWait <= TimeSpan.Zero) return null;
        using var timeout = new CancellationTokenSource(_options.MaxWait);
        try
        {
            if (await _queue.Reader.WaitToReadAsync(timeout.Token) && _queue.Reader.TryRead(out var unit)) return unit;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
        return null;
    }

    /// <summary>Stops taking units, writes those already queued, and waits for the lanes to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_lanes);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task.WaitAll(_lanes, TimeSpan.FromSeconds(30));
    }

    /// <summary>One caller's unit of work and its answer.</summary>
    private abstract class Unit(CancellationToken ct)
    {
        public CancellationToken Ct { get; } = ct;
        public abstract bool IsAlone { get; }

        /// <summary>Starts the work in the caller's execution context (its culture, logging scopes, activity), marked as holding a turn.</summary>
        public Task RunInCallersContext(WorkflowDbContext? db, AsyncLocal<bool> held)
        {
            Task? running = null;
            if (Context is null)
                return RunHeld(db, held);
            ExecutionContext.Run(Context, _ => running = RunHeld(db, held), null);
            return running!;
        }

        private async Task RunHeld(WorkflowDbContext? db, AsyncLocal<bool> held)
        {
            held.Value = true;
            await RunAsync(db);
        }

        protected ExecutionContext? Context { get; } = ExecutionContext.Capture();
        protected abstract Task RunAsync(WorkflowDbContext? db);
        public abstract void Succeed();
        public abstract void Fail(Exception error);

        /// <summary>True (and the caller told) when the caller gave up before its unit ran.</summary>
        public abstract bool Canceled();
    }

    private sealed class Unit<T>(Func<WorkflowDbContext, Task<T>>? work, Func<Task<T>>? alone, CancellationToken ct) : Unit(ct)
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _answer.Task;
        public override bool IsAlone => alone is not null;

        protected override async Task RunAsync(WorkflowDbContext? db) =>
            _result = alone is not null ? await alone() : await work!(db!);

        public override void Succeed() => _answer.TrySetResult(_result);
        public override void Fail(Exception error) => _answer.TrySetException(error);

        public override bool Canceled() => Ct.IsCancellationRequested && _answer.TrySetCanceled(Ct);
    }
}

/// <summary>
/// The COMMIT of the batch holding this unit of work failed without the database saying why (the connection was lost):
/// it may or may not have been written, so it is not tried again automatically.
/// </summary>
public sealed class WriteBatchOutcomeUnknownException(Exception cause)
    : Exception("The write batch holding this unit of work may or may not have been committed (its COMMIT failed: " + cause.Message +
                "); look before doing it again", cause);

/// <summary>
/// A unit of work was written in a batch that could not be committed (another unit's failure ended the transaction, or
/// the commit failed): nothing of it was written, and it may be done again.
/// </summary>
public sealed class WriteBatchAbortedException(Exception cause)
    : Exception("The write batch holding this unit of work was not committed: " + cause.Message, cause);
