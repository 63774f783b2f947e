using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Hubs;

/// <summary>
/// The runtime has one notifier port; the web host has several listeners (task updates for the
/// inbox, call events for the hotline banner). One failing does not keep the others from hearing.
/// </summary>
public sealed class NotifierFanOut(IReadOnlyList<IWorkflowNotifier> notifiers, ILogger<NotifierFanOut> logger) : IWorkflowNotifier
{
    public async Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct)
    {
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notifications, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.PushFailed(ex, notifier.GetType().Name, notifications.Count);
            }
        }
    }
}
