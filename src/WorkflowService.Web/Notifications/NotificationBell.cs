using Microsoft.AspNetCore.SignalR;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Hubs;

namespace WorkflowService.Web.Notifications;

/// <summary>
/// Nudges a person's open pages to read their bell again (<c>notificationsChanged</c>), sent to that person's own
/// SignalR group only. The event carries nothing of the notice: the page asks for its own person's list, so the server
/// alone decides what anyone sees. A step that gave someone a task (created with an assignee, handed on) may have
/// written them a notice: their pages are nudged then too; a nudge with nothing new only reads the same count again.
/// </summary>
public sealed class NotificationBell(IHubContext<WorkflowHub> hub) : IWorkflowNotifier, IPersonalNoticePusher
{
    public const string EventName = "notificationsChanged";

    public Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct) =>
        PushAsync([.. notifications
            .Where(n => n.Kind is WorkflowNotification.TaskCreated or WorkflowNotification.TaskChanged)
            .Select(n => n.Assignee).OfType<string>().Distinct(StringComparer.Ordinal)], ct);

    public async Task PushAsync(IReadOnlyCollection<string> users, CancellationToken ct)
    {
        foreach (var user in users) await hub.Clients.Group(WorkflowHub.UserGroup(user)).SendAsync(EventName, new { }, ct);
    }
}
