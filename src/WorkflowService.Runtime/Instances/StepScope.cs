using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>What a step does outside its transaction once it has committed.</summary>
public sealed class StepEffects
{
    public List<(Guid TimerId, DateTimeOffset DueAt)> Timers { get; } = [];
    public List<Guid> Outbox { get; } = [];
    public List<WorkflowNotification> Notifications { get; } = [];

    public bool IsEmpty => Timers.Count == 0 && Outbox.Count == 0 && Notifications.Count == 0;
}

/// <summary>
/// One step's unit of work: the open transaction's context, the instance row, its model and
/// state, the rows its commands touch, and the effects to dispatch after commit.
/// </summary>
/// <param name="newInstance">The instance is being started: it has no rows in the database yet, so none are read.</param>
public sealed class StepScope(WorkflowDbContext db, InstanceRecord instance, ProcessModel model, InstanceState state, DateTimeOffset now,
    bool newInstance = false)
{
    public WorkflowDbContext Db { get; } = db;
    public InstanceRecord Instance { get; } = instance;
    public ProcessModel Model { get; } = model;
    public InstanceState State { get; internal set; } = state;
    public DateTimeOffset Now { get; } = now;
    public StepEffects Effects { get; } = new();

    /// <summary>The instance's open user tasks, with their candidate rows (closing a task drops them).</summary>
    public StepRows<TaskRecord> OpenTasks { get; } = new(db.Tasks,
        newInstance ? null : ct => StepQueries.LoadAsync(StepQueries.For(db).OpenTasks(db, instance.Id), ct),
        t => t.InstanceId == instance.Id);

    /// <summary>The instance's pending and paused timers.</summary>
    public StepRows<TimerRecord> PendingTimers { get; } = new(db.Timers,
        newInstance ? null : ct => StepQueries.LoadAsync(StepQueries.For(db).PendingTimers(db, instance.Id), ct),
        t => t.InstanceId == instance.Id);

    /// <summary>The instance's open external tasks.</summary>
    public StepRows<ExternalTaskRecord> OpenExternalTasks { get; } = new(db.ExternalTasks,
        newInstance ? null : ct => db.ExternalTasks.Where(t => t.InstanceId == instance.Id && t.Status == ExternalTaskStatus.Open).LoadAsync(ct),
        t => t.InstanceId == instance.Id);

    /// <summary>The instance's message subscriptions.</summary>
    public StepRows<MessageSubscriptionRecord> Subscriptions { get; } = new(db.MessageSubscriptions,
        newInstance ? null : ct => db.MessageSubscriptions.Where(m => m.InstanceId == instance.Id).LoadAsync(ct),
        m => m.InstanceId == instance.Id);

    /// <summary>History rows of the step, in order, written after its other rows (<see cref="HistoryRows"/>).</summary>
    internal List<HistoryRecord> History { get; } = [];
}

/// <summary>Something users should see at once (a new or changed task, a finished instance).</summary>
public sealed record WorkflowNotification(string Kind, Guid InstanceId, Guid? TaskId, string DefinitionKey, string? ElementId,
    string? Assignee, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers)
{
    public const string TaskCreated = "taskCreated";
    public const string TaskChanged = "taskChanged";
    public const string TaskClosed = "taskClosed";
    public const string InstanceChanged = "instanceChanged";
}
