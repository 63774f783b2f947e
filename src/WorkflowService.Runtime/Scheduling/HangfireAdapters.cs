using Hangfire;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;

namespace WorkflowService.Runtime.Scheduling;

internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs, TimeProvider clock, TimerHorizon horizon) : ITimerScheduler
{
    public void Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        var now = clock.GetUtcNow();
        // Beyond the horizon the row waits in the database: the sweep hands it over as the horizon reaches it.
        if (!horizon.Holds(dueAt, now)) return;
        if (dueAt <= now) jobs.Enqueue<TimerJob>(j => j.FireAsync(timerId, CancellationToken.None));
        else jobs.Schedule<TimerJob>(j => j.FireAsync(timerId, CancellationToken.None), dueAt);
    }
}

internal sealed class HangfireOutboxDispatcher(IBackgroundJobClient jobs) : IOutboxDispatcher
{
    public void Dispatch(Guid outboxId) => jobs.Enqueue<OutboxJob>(j => j.SendAsync(outboxId, CancellationToken.None));
}
