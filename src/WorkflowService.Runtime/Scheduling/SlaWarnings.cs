using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// A warning before an SLA breach (<c>warnAt</c>): when its mark comes, the people working the task
/// the timer watches hear of it live and by email (template <c>sla-warning</c>), and the supervisors
/// (<c>Scheduling:WarnSupervisors</c>) too at the last mark. Once: the row is marked fired in the same
/// transaction as the outbox row; a warning whose timer no longer runs (done, breached, paused since)
/// is dropped.
/// </summary>
public sealed class SlaWarnings(
    TransactionRunner transactions,
    DefinitionCache definitions,
    IOutboxDispatcher outbox,
    ITimerScheduler scheduler,
    IWorkflowNotifier notifier,
    TimeProvider clock,
    IOptions<AppOptions> app,
    IOptions<SchedulingOptions> options,
    ILogger<SlaWarnings> logger,
    Notifications.Robots.RobotAlerts? robots = null)
{
    public const string Template = "sla-warning";
    public const string NotificationKind = "slaWarning";

    public async Task WarnAsync(Guid timerId, CancellationToken ct)
    {
        var sent = await transactions.RunAsync($"SLA warning {timerId}", async db =>
        {
            var now = clock.GetUtcNow();
            var row = await db.Timers.SingleOrDefaultAsync(t => t.Id == timerId, ct);
            if (row is not { WarnMark: { } mark, InstanceId: { } instanceId } || row.Status != TimerStatus.Pending) return null;
            // Moved later (a calendar edit, a resume) since the job was scheduled: a job for the new time.
            if (row.DueAt > now) return new Sent(null, mark, null!, [], row.DueAt);
            var timer = await db.Timers.AsNoTracking()
                .Where(t => t.InstanceId == instanceId && t.SubscriptionId == row.SubscriptionId && t.WarnMark == null)
                .OrderByDescending(t => t.DueAt).FirstOrDefaultAsync(ct);
            if (timer is null || timer.Status != TimerStatus.Pending)
            {
                row.Status = TimerStatus.Cancelled;
                await db.SaveChangesAsync(ct);
                return null;
            }
            row.Status = TimerStatus.Fired;
            row.FiredAt = now;
            var last = !await db.Timers.AnyAsync(t => t.InstanceId == instanceId && t.SubscriptionId == row.SubscriptionId
                                                      && t.WarnMark > mark, ct);
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId, ct);
            var model = await definitions.GetAsync(db, instance.DefinitionId, ct);
            var tasks = await WatchedTasksAsync(db, instanceId, model, row.ElementId, ct);

            var assignees = tasks.Select(t => t.Assignee).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // Nobody has claimed the work yet: whoever may claim it hears of it.
            var to = assignees.Count > 0
                ? assignees
                : tasks.SelectMany(t => Names(t.CandidateUsers).Concat(Names(t.CandidateGroups)))
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var cc = last ? Supervisors() : [];
            if (to.Count == 0)
            {
                to = cc;
                cc = [];
            }
            Guid? mailId = null;
            if (to.Count > 0)
            {
                var payload = Payload(instance, model, tasks, row, timer, to, cc, last);
                var message = new OutboxMessage
                {
                    Id = Guid.CreateVersion7(now), InstanceId = instanceId, Kind = MailPayload.Kind,
                    PayloadJson = payload.Serialize(), CreatedAt = now, Status = OutboxStatus.Pending,
                };
                db.Outbox.Add(message);
                mailId = message.Id;
            }
            // The group robots subscribed to warnings, beside the mail (issue 15).
            IReadOnlyList<Guid> robotIds = robots is null ? [] : await robots.WarningAsync(db, instance, model,
                InstanceVariables(instance), tasks, timer.SlaRule, timer.DueAt, last, now, ct);
            await db.SaveChangesAsync(ct);
            return new Sent(mailId, mark, instance, tasks) { RobotIds = robotIds };
        }, ct);
        if (sent is null) return;
        if (sent.Later is { } later)
        {
            scheduler.Schedule(timerId, later);
            return;
        }

        logger.SlaWarningSent(timerId, sent.Mark, sent.Instance.Id);
        if (sent.MailId is { } id) outbox.Dispatch(id);
        foreach (var robotId in sent.RobotIds) outbox.Dispatch(robotId);
        await notifier.NotifyAsync([.. sent.Tasks.Select(t => new WorkflowNotification(NotificationKind, sent.Instance.Id, t.Id,
            sent.Instance.DefinitionKey, t.ElementId, t.Assignee,
            Names(t.CandidateGroups), Names(t.CandidateUsers)))], ct);
    }

    private sealed record Sent(Guid? MailId, int Mark, InstanceRecord Instance, List<TaskRecord> Tasks, DateTimeOffset? Later = null)
    {
        public IReadOnlyList<Guid> RobotIds { get; init; } = [];
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, JsonElement> InstanceVariables(InstanceRecord instance) =>
        WorkflowService.Engine.Execution.InstanceStateJson.Deserialize(instance.StateJson).Variables;

    private List<string> Supervisors() =>
        [.. Names(options.Value.WarnSupervisors)];

    /// <summary>A comma-separated list of names (a task's candidates, the supervisors setting).</summary>
    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The open tasks the timer watches: its host task, or those inside its host subprocess, else all the instance's.</summary>
    private static async Task<List<TaskRecord>> WatchedTasksAsync(WorkflowDbContext db, Guid instanceId, ProcessModel model,
        string elementId, CancellationToken ct)
    {
        var open = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Open)
            .OrderBy(t => t.CreatedAt).ToListAsync(ct);
        if (!model.TryGetNode(elementId, out var node) || node is not BoundaryEventNode boundary) return open;
        var inside = open.Where(t => t.ElementId == boundary.AttachedToId || IsInside(model, t.ElementId, boundary.AttachedToId)).ToList();
        return inside.Count > 0 ? inside : open;
    }

    private static bool IsInside(ProcessModel model, string elementId, string scopeId)
    {
        for (var id = elementId; model.TryGetNode(id, out var node) && node.ParentId is { } parent; id = parent)
        {
            if (parent == scopeId) return true;
        }
        return false;
    }

    private MailPayload Payload(InstanceRecord instance, ProcessModel model, List<TaskRecord> tasks, TimerRecord warning,
        TimerRecord timer, List<string> to, List<string> cc, bool last)
    {
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        var mailTasks = tasks.Select(x => MailTask.Of(x, model, baseUrl)).ToList();
        return new MailPayload
        {
            To = to, Cc = cc, Template = Template, Rule = timer.SlaRule, ElementId = timer.ElementId,
            Instance = MailInstance.Of(instance, model),
            Inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                ["mark"] = JsonSerializer.SerializeToElement(warning.WarnMark),
                ["dueAt"] = JsonSerializer.SerializeToElement(timer.DueAt),
                ["last"] = JsonSerializer.SerializeToElement(last),
            },
            Tasks = mailTasks,
            Task = mailTasks.FirstOrDefault(),
            Link = $"{baseUrl}/instances/{instance.Id}",
        };
    }
}
