using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// Hands timers and outbox rows from the database to the executor. At start-up every pending
/// timer due within the <see cref="TimerHorizon"/> is re-armed (a timer that fell due while the
/// service was down fires once, now); then, at intervals, the timers the horizon has reached since
/// the last sweep are handed over, and overdue ones are swept up in case a job was lost.
/// </summary>
public sealed class TimerSweeper(
    WorkflowDbFactory dbFactory,
    ITimerScheduler timers,
    IOutboxDispatcher outbox,
    TimeProvider clock,
    IOptions<SchedulingOptions> options,
    TimerHorizon horizon,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    private readonly Lock _armedLock = new();

    /// <summary>Every pending timer due up to this was handed over (by the re-arm or a sweep); null before the re-arm.</summary>
    private DateTimeOffset? _armedUntil;

    /// <summary>Hands over every pending timer due within the horizon and every unsent mail: the start-up re-arm.</summary>
    public async Task<int> RearmAllAsync(CancellationToken ct)
    {
        var count = await ArmAsync(DateTimeOffset.MinValue, ct);
        await using var db = dbFactory.Create();
        var mails = await db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Pending).Select(o => o.Id).ToListAsync(ct);
        foreach (var id in mails) outbox.Dispatch(id);
        logger.Rearmed(count, mails.Count);
        return count;
    }

    /// <summary>
    /// Hands over the pending timers due after <paramref name="from"/> and within the horizon (read after the
    /// clock, so a timer that its step left to the sweep, as beyond the horizon then, is committed and seen),
    /// then moves the mark. A timer on the mark's far side is never skipped; at worst one is handed over twice.
    /// </summary>
    private async Task<int> ArmAsync(DateTimeOffset from, CancellationToken ct)
    {
        var until = horizon.Until(clock.GetUtcNow());
        await using var db = dbFactory.Create();
        var pending = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending);
        if (from != DateTimeOffset.MinValue) pending = pending.Where(t => t.DueAt > from);
        if (until != DateTimeOffset.MaxValue) pending = pending.Where(t => t.DueAt <= until);
        var count = 0;
        await foreach (var t in pending.Select(t => new { t.Id, t.DueAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            timers.Schedule(t.Id, t.DueAt);
            count++;
        }
        lock (_armedLock)
            if (_armedUntil is not { } armed || until > armed) _armedUntil = until;
        return count;
    }

    /// <summary>
    /// Hands over the timers the horizon has reached since the last sweep (none without a horizon: every timer
    /// was handed over as it was written), then timers and mail overdue by more than <paramref name="grace"/>
    /// (a mail: its retry, or its first attempt).
    /// </summary>
    public async Task<int> SweepAsync(TimeSpan grace, CancellationToken ct)
    {
        if (horizon.Ahead is not null)
        {
            DateTimeOffset? armed;
            lock (_armedLock) armed = _armedUntil;
            var reached = await ArmAsync(armed ?? DateTimeOffset.MinValue, ct);
            if (reached > 0) logger.HorizonReached(reached, horizon.Ahead.Value);
        }
        var now = clock.GetUtcNow();
        var cutoff = now - grace;
        await using var db = dbFactory.Create();
        var overdue = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.DueAt <= cutoff)
            .OrderBy(t => t.DueAt).Select(t => new { t.Id, t.DueAt }).Take(10_000).ToListAsync(ct);
        foreach (var t in overdue) timers.Schedule(t.Id, t.DueAt);
        var mails = await db.Outbox.AsNoTracking()
            // A first attempt is handed over after its step commits: swept up only if that was lost.
            .Where(o => o.Status == OutboxStatus.Pending
                        && (o.NextAttemptAt == null ? o.CreatedAt <= cutoff : o.NextAttemptAt <= cutoff))
            .OrderBy(o => o.Id).Select(o => o.Id).Take(10_000).ToListAsync(ct); // version-7 ids: oldest first
        foreach (var id in mails) outbox.Dispatch(id);
        if (overdue.Count + mails.Count > 0)
            logger.SweptUp(overdue.Count, mails.Count);
        return overdue.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RearmAllAsync(stoppingToken);
        using var tick = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await tick.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(options.Value.SweepGrace, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.SweepFailed(ex, options.Value.SweepInterval);
            }
        }
    }
}
