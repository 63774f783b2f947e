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
/// state, and the effects to dispatch after commit.
/// </summary>
public sealed class StepScope(WorkflowDbContext db, InstanceRecord instance, ProcessModel model, InstanceState state, DateTimeOffset now)
{
    public WorkflowDbContext Db { get; } = db;
    public InstanceRecord Instance { get; } = instance;
    public ProcessModel Model { get; } = model;
    public InstanceState State { get; internal set; } = state;
    public DateTimeOffset Now { get; } = now;
    public StepEffects Effects { get; } = new();

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
