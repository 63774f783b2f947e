using Hangfire;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;

namespace WorkflowService.Runtime.Scheduling;

internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs, TimeProvider clock) : ITimerScheduler
{
    public void Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        if (dueAt <= clock.GetUtcNow()) jobs.Enqueue<TimerJob>(j => j.FireAsync(timerId, CancellationToken.None));
        else jobs.Schedule<TimerJob>(j => j.FireAsync(timerId, CancellationToken.None), dueAt);
    }
}

internal sealed class HangfireOutboxDispatcher(IBackgroundJobClient jobs) : IOutboxDispatcher
{
    public void Dispatch(Guid outboxId) => jobs.Enqueue<OutboxJob>(j => j.SendAsync(outboxId, CancellationToken.None));
}
