using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Hands a committed step's effects to the scheduler, the outbox sender and the notifier. A
/// failure here loses nothing: timers and outbox rows are in the database, and the sweeper
/// picks up whatever was not handed over.
/// </summary>
public sealed class EffectDispatcher(ITimerScheduler timers, IOutboxDispatcher outbox, IWorkflowNotifier notifier,
    ILogger<EffectDispatcher> logger)
{
    public async Task DispatchAsync(StepEffects effects, CancellationToken ct)
    {
        if (effects.IsEmpty) return;
        try
        {
            foreach (var (timerId, dueAt) in effects.Timers) timers.Schedule(timerId, dueAt);
            foreach (var id in effects.Outbox) outbox.Dispatch(id);
        }
        catch (Exception ex)
        {
            logger.EffectsNotHandedOver(ex);
        }
        try
        {
            if (effects.Notifications.Count > 0) await notifier.NotifyAsync(effects.Notifications, ct);
        }
        catch (Exception ex)
        {
            logger.NotificationsNotPushed(ex, effects.Notifications.Count);
        }
    }
}
