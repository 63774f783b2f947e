using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// Executes one timer row. Idempotent: a fired or cancelled timer is a no-op, so the same timer
/// may be handed over any number of times (scheduled, swept, re-armed after a restart) and
/// fires once. Hangfire may run a job up to a second early (it keeps schedules in whole
/// seconds): the job waits for the due time, never fires before it.
/// </summary>
public sealed class TimerJob(
    WorkflowDbFactory dbFactory,
    InstanceRunner runner,
    ITimerScheduler scheduler,
    TimeProvider clock,
    SlaWarnings warnings,
    StartTimers startTimers,
    IOptions<SchedulingOptions> options,
    ILogger<TimerJob> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 2, 5, 10, 30])]
    // One lock per timer: without a resource Hangfire locks the method, which ran every timer of
    // the cluster one after the other, each behind any job that waits inline for its due time.
    [DisableConcurrentExecution("timer-job:{0}", 60)]
    public async Task FireAsync(Guid timerId, CancellationToken ct)
    {
        TimerRecord? timer;
        await using (var db = dbFactory.Create())
            timer = await db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null || timer.Status != TimerStatus.Pending) return;

        // A loop, not one delay: Task.Delay can end before the wall clock reaches the due time (it
        // counts on another clock), and the engine ignores a firing that is early even by a tick,
        // while the step still marks the row fired: the timer would be lost.
        for (var early = timer.DueAt - clock.GetUtcNow(); early > TimeSpan.Zero; early = timer.DueAt - clock.GetUtcNow())
        {
            if (early > options.Value.MaxInlineWait)
            {
                scheduler.Schedule(timer.Id, timer.DueAt);
                return;
            }
            await Task.Delay(early, clock, ct);
        }

        if (timer.WarnMark is not null) await warnings.WarnAsync(timer.Id, ct);
        else if (timer.InstanceId is { } instanceId) await FireInstanceTimerAsync(timer, instanceId, ct);
        else await FireStartTimerAsync(timer, ct);
    }

    private async Task FireInstanceTimerAsync(TimerRecord timer, Guid instanceId, CancellationToken ct)
    {
        try
        {
            var outcome = await runner.HandleAsync(instanceId, async scope =>
            {
                var row = await scope.Db.Timers.SingleAsync(t => t.Id == timer.Id, ct);
                if (row.Status != TimerStatus.Pending) throw new ConflictException($"timer {timer.Id} is {row.Status}");
                // Read again under the write turn: a calendar edit or a resume may have moved it later since this
                // job read it. Marking it fired now would lose it (the engine ignores an early firing).
                if (row.DueAt > scope.Now) throw new NotDueYetException(row.DueAt);
                row.Status = TimerStatus.Fired;
                row.FiredAt = scope.Now;
                // The row's due time, not the one the engine armed: a resumed or re-computed timer moved.
                return new TimerFired(timer.SubscriptionId!.Value) { At = scope.Now, DueAt = row.DueAt };
            }, ct);
            if (outcome.Ignored)
                logger.TimerIgnored(timer.Id, instanceId, outcome.IgnoredReason);
        }
        catch (ConflictException ex)
        {
            logger.TimerHandledElsewhere(timer.Id, ex.Message);
        }
        catch (NotDueYetException ex)
        {
            scheduler.Schedule(timer.Id, ex.DueAt);
        }
    }

    /// <summary>The timer's row says it is due later than when this job read it: it gets a job for its new time.</summary>
    private sealed class NotDueYetException(DateTimeOffset dueAt) : Exception($"due at {dueAt:O}")
    {
        public DateTimeOffset DueAt { get; } = dueAt;
    }

    private async Task FireStartTimerAsync(TimerRecord timer, CancellationToken ct)
    {
        string definitionKey;
        await using (var db = dbFactory.Create())
            definitionKey = await db.Definitions.Where(d => d.Id == timer.DefinitionId).Select(d => d.Key).SingleAsync(ct);
        try
        {
            // The firing, the next cycle and the new instance commit together: one start per firing.
            var started = await runner.StartAsync(definitionKey, null, null, SystemActors.Timer, timer.ElementId,
                async (db, now, effects) =>
                {
                    // Ordered with publications of the key and other nodes firing this timer: read after the
                    // lock, the row is Pending only if nobody fired it and no newer version cancelled it.
                    await ClusterLock.ForTransactionAsync(db, ClusterLock.ForProcess(definitionKey), ct);
                    var row = await db.Timers.SingleAsync(t => t.Id == timer.Id, ct);
                    if (row.Status != TimerStatus.Pending) throw new ConflictException($"timer {timer.Id} is {row.Status}");
                    if (row.DueAt > now) throw new NotDueYetException(row.DueAt);
                    row.Status = TimerStatus.Fired;
                    row.FiredAt = now;
                    StartTimers.ScheduleNext(db, row, now, effects, startTimers.CalendarNamed(row.Calendar));
                }, ct: ct);
            logger.StartTimerStarted(timer.ElementId, definitionKey, started.Instance.Id);
        }
        catch (ConflictException ex)
        {
            logger.StartTimerHandledElsewhere(timer.Id, ex.Message);
        }
        catch (NotDueYetException ex)
        {
            scheduler.Schedule(timer.Id, ex.DueAt);
        }
    }
}
