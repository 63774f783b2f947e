using Microsoft.Extensions.Options;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// The runtime's own events for robots, each written into the transaction that records the event (so the
/// message exists exactly when the event does) and dispatched after its commit: a breach, an SLA warning, an
/// escalation mail. Each is about groups (the breach's responsible group, the tasks' candidate groups), which
/// robots limited to groups filter on.
/// </summary>
public sealed class RobotAlerts(RobotOutbox outbox, IOptions<AppOptions> app)
{
    private string BaseUrl => app.Value.BaseUrl.TrimEnd('/');

    /// <summary>A breach recorded in this step; the late tasks are the ones its timer watched.</summary>
    public async Task BreachAsync(StepScope scope, RecordBreach command, BreachRecord breach, CancellationToken ct)
    {
        var watched = command.WatchedTaskIds.IsDefaultOrEmpty
            ? []
            : await scope.OpenTasks.WhereAsync(t => t.Status == UserTaskStatus.Open && command.WatchedTaskIds.Contains(t.LocalId), ct);
        var model = Base(scope.Instance, scope.Model, scope.State.Variables, watched);
        model["rule"] = breach.Rule;
        model["breach"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["rule"] = breach.Rule, ["elementId"] = breach.ElementId, ["dueAt"] = breach.DueAt, ["detectedAt"] = breach.DetectedAt,
            ["responsible"] = breach.Responsible, ["responsibleGroup"] = breach.ResponsibleGroup,
        };
        var notice = new RobotNotice(RobotEvents.Breach, RobotNotice.GroupList(breach.ResponsibleGroup), Link(scope.Instance, watched),
            model, scope.Instance.Id);
        scope.Effects.Outbox.AddRange(await outbox.QueueAsync(scope.Db, notice, scope.Now, ct));
    }

    /// <summary>A warning before a breach (SLA <c>warnAt</c>), beside its mail; the caller dispatches the ids after commit.</summary>
    public async Task<IReadOnlyList<Guid>> WarningAsync(WorkflowDbContext db, InstanceRecord instance, ProcessModel model,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables, IReadOnlyList<TaskRecord> tasks, string? rule,
        DateTimeOffset dueAt, bool last, DateTimeOffset now, CancellationToken ct)
    {
        var data = Base(instance, model, variables, tasks);
        data["rule"] = rule;
        data["dueAt"] = dueAt;
        data["last"] = last;
        var notice = new RobotNotice(RobotEvents.Warning, RobotNotice.GroupList([.. tasks.Select(t => t.CandidateGroups)]),
            Link(instance, tasks), data, instance.Id);
        return await outbox.QueueAsync(db, notice, now, ct);
    }

    /// <summary>A send task with the <c>escalation</c> template: the robots subscribed to escalations hear of it too.</summary>
    public async Task EscalationAsync(StepScope scope, IReadOnlyList<TaskRecord> openTasks, string? rule, string? subject,
        string? responsibleGroup, CancellationToken ct)
    {
        var model = Base(scope.Instance, scope.Model, scope.State.Variables, openTasks);
        model["rule"] = rule;
        model["subject"] = subject;
        model["responsibleGroup"] = responsibleGroup;
        var groups = responsibleGroup is not null
            ? RobotNotice.GroupList(responsibleGroup)
            : RobotNotice.GroupList([.. openTasks.Select(t => t.CandidateGroups)]);
        var notice = new RobotNotice(RobotEvents.Escalation, groups, Link(scope.Instance, openTasks), model, scope.Instance.Id);
        scope.Effects.Outbox.AddRange(await outbox.QueueAsync(scope.Db, notice, scope.Now, ct));
    }

    /// <summary>The BPMN property that makes entering an element a robot event: <c>notify="missed-call"</c>.</summary>
    public const string NotifyProperty = "notify";

    /// <summary>The groups such an event is about (robots limited to groups filter on them): <c>notifyGroups="hotline"</c>.</summary>
    public const string NotifyGroupsProperty = "notifyGroups";

    /// <summary>
    /// An element entered in this step whose model says <c>notify</c> (e.g. the hotline's <c>missedCall</c> event says
    /// <c>missed-call</c>): the robots subscribed to that event hear of it, with its template. A generic hook, so a
    /// process names its own moments without a task of its own in the flow; an unknown event name is ignored here
    /// (the robots would have no template for it).
    /// </summary>
    public async Task ElementEnteredAsync(StepScope scope, string elementId, CancellationToken ct)
    {
        if (!scope.Model.TryGetNode(elementId, out var node) || !node.Properties.TryGetValue(NotifyProperty, out var evt)
            || !RobotEvents.IsKnown(evt)) return;
        var open = await scope.OpenTasks.WhereAsync(t => t.Status == UserTaskStatus.Open, ct);
        var model = Base(scope.Instance, scope.Model, scope.State.Variables, open);
        model["now"] = scope.Now;
        model["element"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = node.Id, ["name"] = Translations.Pick(node.Properties, Translations.Name, node.Name, RobotModel.Language),
        };
        var notice = new RobotNotice(evt, RobotNotice.GroupList(node.Properties.GetValueOrDefault(NotifyGroupsProperty)),
            $"{BaseUrl}/instances/{scope.Instance.Id}", model, scope.Instance.Id);
        scope.Effects.Outbox.AddRange(await outbox.QueueAsync(scope.Db, notice, scope.Now, ct));
    }

    /// <summary>instance, task (the one due first), tasks, variables.</summary>
    internal Dictionary<string, object?> Base(InstanceRecord instance, ProcessModel model,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables, IEnumerable<TaskRecord> tasks)
    {
        var ordered = tasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Select(t => RobotModel.Task(t, model, BaseUrl)).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["instance"] = RobotModel.Instance(instance, model, BaseUrl),
            ["variables"] = RobotModel.Variables(variables),
            ["task"] = ordered.FirstOrDefault(),
            ["tasks"] = ordered.ToList<object?>(),
        };
    }

    /// <summary>The one late task when there is one (where the work is done), else the instance (the order's record).</summary>
    private string Link(InstanceRecord instance, IReadOnlyCollection<TaskRecord> tasks) =>
        tasks.Count == 1 ? $"{BaseUrl}/tasks/{tasks.First().Id}" : $"{BaseUrl}/instances/{instance.Id}";
}
