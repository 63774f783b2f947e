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
/// timer is re-armed (a timer that fell due while the service was down fires once, now), then
/// overdue ones are swept up at intervals in case a job was lost.
/// </summary>
public sealed class TimerSweeper(
    WorkflowDbFactory dbFactory,
    ITimerScheduler timers,
    IOutboxDispatcher outbox,
    TimeProvider clock,
    IOptions<SchedulingOptions> options,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    /// <summary>Hands over every pending timer and unsent mail: the start-up re-arm.</summary>
    public async Task<int> RearmAllAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var count = 0;
        await foreach (var t in db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending)
                           .Select(t => new { t.Id, t.DueAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            timers.Schedule(t.Id, t.DueAt);
            count++;
        }
        var mails = await db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Pending).Select(o => o.Id).ToListAsync(ct);
        foreach (var id in mails) outbox.Dispatch(id);
        logger.Rearmed(count, mails.Count);
        return count;
    }

    /// <summary>Hands over timers and mail overdue by more than <paramref name="grace"/> (a mail: its retry, or its first attempt).</summary>
    public async Task<int> SweepAsync(TimeSpan grace, CancellationToken ct)
    {
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
