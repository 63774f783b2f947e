using Microsoft.AspNetCore.SignalR;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Hubs;

namespace WorkflowService.Web.Hotline;

/// <summary>A call starts ringing: what the banner shows, with what it needs to count the rings and down to the three-rings deadline.</summary>
public sealed record CallRingingEvent(Guid TaskId, Guid InstanceId, string CallId, string? From,
    DateTimeOffset? Since = null, DateTimeOffset? DueAt = null, double? RingSeconds = null);

/// <summary>A call stops ringing: taken by <see cref="By"/>, or <see cref="Missed"/> (the caller hung up).</summary>
public sealed record CallTakenEvent(Guid TaskId, string? By, bool Missed);

/// <summary>
/// Tells the on-duty agents (the candidates of the answerCall task) about calls: <c>callRinging</c>
/// when one rings (or rings again, given back unanswered), <c>callTaken</c> when someone claims or
/// answers it or the caller hangs up. Admins
/// are not sent these: the banner is for whoever may answer.
/// </summary>
public sealed class HotlineNotifier(IHubContext<WorkflowHub> hub, IServiceProvider services, ILogger<HotlineNotifier> logger)
    : IWorkflowNotifier
{
    // Resolved on use: the desk needs the TaskService, which needs (through the effect dispatcher) this notifier.
    private CallDesk Desk => services.GetRequiredService<CallDesk>();

    public async Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct)
    {
        foreach (var n in notifications)
        {
            if (n is not { DefinitionKey: HotlineProcess.Key, ElementId: HotlineProcess.AnswerTask, TaskId: { } taskId }) continue;
            var audience = n.CandidateGroups.Select(WorkflowHub.CandidateGroup).Concat(n.CandidateUsers.Select(WorkflowHub.UserGroup))
                .Distinct().ToList();
            if (audience.Count == 0) continue;
            var clients = hub.Clients.Groups(audience);
            switch (n.Kind)
            {
                // Created, or given back (unclaimed) before anyone answered: it rings again.
                case WorkflowNotification.TaskCreated or WorkflowNotification.TaskChanged
                    when n.Assignee is null && await Desk.DescribeAsync(taskId, ct) is { } call:
                    await clients.SendAsync("callRinging", new CallRingingEvent(taskId, call.InstanceId, call.CallId, call.From, call.Since, call.DueAt, call.RingSeconds), ct);
                    break;
                case WorkflowNotification.TaskChanged when n.Assignee is not null:
                    await clients.SendAsync("callTaken", new CallTakenEvent(taskId, n.Assignee, false), ct);
                    break;
                case WorkflowNotification.TaskClosed:
                    var outcome = await Desk.OutcomeAsync(taskId, ct);
                    await clients.SendAsync("callTaken",
                        new CallTakenEvent(taskId, (outcome as AnswerResult.Taken)?.By, outcome is AnswerResult.Missed), ct);
                    break;
            }
            logger.Announced(n.Kind, taskId, n.InstanceId, audience);
        }
    }
}
