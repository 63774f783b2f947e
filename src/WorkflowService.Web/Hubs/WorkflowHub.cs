using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Hubs;

/// <summary>
/// Live updates for signed-in users. A connection joins the SignalR groups of its user, of each
/// of the user's candidate groups, and of admins: a notification goes only where the task is
/// visible, never to everyone. <see cref="HubAccessWatch"/> keeps it there only while that holds.
/// </summary>
[Authorize]
public sealed class WorkflowHub(GroupDirectory groups, HubAccessWatch watch) : Hub
{
    public static string UserGroup(string user) => $"user:{user}";
    public static string CandidateGroup(string group) => $"group:{group}";
    public const string Admins = "admins";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User?.Identity?.Name;
        if (user is null)
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(user));
        var candidateGroups = await groups.GroupsOfAsync(user);
        foreach (var group in candidateGroups) await Groups.AddToGroupAsync(Context.ConnectionId, CandidateGroup(group));
        if (Context.User!.IsInRole(Roles.Admin)) await Groups.AddToGroupAsync(Context.ConnectionId, Admins);
        watch.Watch(Context, user, candidateGroups);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watch.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What a browser receives about a task.</summary>
public sealed record TaskEvent(string Kind, Guid InstanceId, Guid? TaskId, string DefinitionKey, string? ElementId, string? Assignee);

/// <summary>Sends runtime notifications to the SignalR groups that may see them.</summary>
public sealed class SignalRNotifier(IHubContext<WorkflowHub> hub) : IWorkflowNotifier
{
    public async Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct)
    {
        foreach (var n in notifications)
        {
            var audience = new List<string> { WorkflowHub.Admins };
            if (n.Assignee is not null) audience.Add(WorkflowHub.UserGroup(n.Assignee));
            audience.AddRange(n.CandidateGroups.Select(WorkflowHub.CandidateGroup));
            audience.AddRange(n.CandidateUsers.Select(WorkflowHub.UserGroup));
            var evt = new TaskEvent(n.Kind, n.InstanceId, n.TaskId, n.DefinitionKey, n.ElementId, n.Assignee);
            var name = n.Kind == WorkflowNotification.InstanceChanged ? "instanceChanged" : "taskChanged";
            await hub.Clients.Groups(audience.Distinct().ToList()).SendAsync(name, evt, ct);
        }
    }
}
