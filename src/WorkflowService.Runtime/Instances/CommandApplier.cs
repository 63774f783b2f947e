using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Turns the engine's commands into rows of the step's transaction, in the order returned.
/// The switch is exhaustive and an unknown command throws: skipping one would run a different
/// process. Service tasks on internal topics (e.g. <c>send-email</c>) are done here and
/// completed at once, so the process moves on in the same step.
/// </summary>
public sealed class CommandApplier(Interpreter interpreter, IEnumerable<IInternalTopicHandler> internalHandlers)
{
    private readonly Dictionary<string, IInternalTopicHandler> _internal =
        internalHandlers.ToDictionary(h => h.Topic, StringComparer.Ordinal);

    public bool IsInternalTopic(string topic) => _internal.ContainsKey(topic);

    /// <summary>
    /// Applies a result's commands; an internal task is done on the spot and its outcome handled
    /// as the next event. Each outcome is handled against the state left by everything before it
    /// (two internal tasks of one result, e.g. after a parallel split, each build on the other),
    /// never against a state another outcome has already moved past.
    /// </summary>
    public async Task ApplyAsync(StepScope scope, StepResult result, CancellationToken ct)
    {
        var outcomes = new Queue<InstanceEvent>();
        for (StepResult? current = result; current is not null;
             current = outcomes.TryDequeue(out var next) ? interpreter.Handle(scope.Model, scope.State, next) : null)
        {
            scope.State = current.State;
            foreach (var command in current.Commands)
            {
                if (command is CreateExternalTask task && _internal.TryGetValue(task.Topic, out var handler))
                    outcomes.Enqueue(await RunInternalAsync(scope, handler, task, ct));
                else
                    Apply(scope, command);
            }
        }
    }

    /// <summary>Does an internal task (its rows join the step) and returns its outcome as an event.</summary>
    private static async Task<InstanceEvent> RunInternalAsync(StepScope scope, IInternalTopicHandler handler,
        CreateExternalTask task, CancellationToken ct)
    {
        try
        {
            var output = await handler.HandleAsync(new InternalTaskContext(scope, task), ct);
            return new ExternalTaskCompleted(task.TaskId, VariableMap.Empty.SetItems(output), $"internal:{task.Topic}")
                { At = scope.Now };
        }
        catch (InternalTaskException ex)
        {
            return new ExternalTaskFailed(task.TaskId, null, ex.Message) { At = scope.Now };
        }
    }

    private static void Apply(StepScope scope, EngineCommand command)
    {
        var db = scope.Db;
        var instance = scope.Instance;
        switch (command)
        {
            case CreateUserTask c:
                CreateTask(scope, c);
                break;
            case CancelUserTask c:
                CloseTask(scope, c.TaskId, TaskStatuses.Cancelled, null);
                break;
            case CreateExternalTask c:
                db.ExternalTasks.Add(new ExternalTaskRecord
                {
                    Id = Guid.CreateVersion7(scope.Now), InstanceId = instance.Id, LocalId = c.TaskId, ElementId = c.ElementId,
                    Topic = c.Topic, InputsJson = JsonSerializer.Serialize(c.Inputs), Priority = c.Priority,
                    Status = ExternalTaskStatuses.Open, CreatedAt = scope.Now,
                });
                break;
            case CancelExternalTask c:
                foreach (var row in Tracked(db.ExternalTasks, t => t.InstanceId == instance.Id && t.LocalId == c.TaskId
                             && t.Status == ExternalTaskStatuses.Open))
                {
                    row.Status = ExternalTaskStatuses.Cancelled;
                    row.Revision++; // a worker's fetch that read the row open must not lock it now
                }
                break;
            case ScheduleTimer c:
                var timer = new TimerRecord
                {
                    Id = Guid.CreateVersion7(scope.Now), InstanceId = instance.Id, SubscriptionId = c.SubscriptionId,
                    ElementId = c.ElementId, DueAt = c.DueAt, SlaRule = c.SlaRule, Status = TimerStatuses.Pending,
                };
                db.Timers.Add(timer);
                scope.Effects.Timers.Add((timer.Id, timer.DueAt));
                break;
            case CancelTimer c:
                foreach (var row in Tracked(db.Timers, t => t.InstanceId == instance.Id && t.SubscriptionId == c.SubscriptionId
                             && t.Status == TimerStatuses.Pending))
                    row.Status = TimerStatuses.Cancelled;
                break;
            case SubscribeMessage c:
                db.MessageSubscriptions.Add(new MessageSubscriptionRecord
                {
                    Id = Guid.CreateVersion7(scope.Now), InstanceId = instance.Id, SubscriptionId = c.SubscriptionId,
                    ElementId = c.ElementId, MessageName = c.MessageName, BusinessKey = instance.BusinessKey,
                    CreatedAt = scope.Now,
                });
                break;
            case CancelMessageSubscription c:
                foreach (var row in Tracked(db.MessageSubscriptions,
                             m => m.InstanceId == instance.Id && m.SubscriptionId == c.SubscriptionId))
                    db.MessageSubscriptions.Remove(row);
                break;
            case RecordBreach c:
                db.Breaches.Add(new BreachRecord
                {
                    Rule = c.Rule, InstanceId = instance.Id, DefinitionKey = instance.DefinitionKey,
                    BusinessKey = instance.BusinessKey, ElementId = c.ElementId, DueAt = c.DueAt, DetectedAt = c.DetectedAt,
                    Responsible = ResponsibleFor(scope, c.ElementId),
                });
                break;
            case RaiseIncident c:
                History(scope, c.ElementId, "incident", 0, null, c.Message);
                break;
            case ResolveIncident c:
                History(scope, c.ElementId, "incidentResolved", 0, null, null);
                break;
            case ElementEntered c:
                History(scope, c.ElementId, "entered", c.TokenId, null, null);
                break;
            case ElementLeft c:
                History(scope, c.ElementId, c.Interrupted ? "interrupted" : "left", c.TokenId, c.By, null);
                break;
            case InstanceEnded c:
                scope.Effects.Notifications.Add(new WorkflowNotification(WorkflowNotification.InstanceChanged, instance.Id,
                    null, instance.DefinitionKey, null, null, [], []));
                History(scope, scope.Model.Key, c.Status.Name.ToLowerInvariant(), 0, null, null);
                break;
            default:
                throw new InvalidOperationException($"Unknown engine command {command.GetType().Name}");
        }
    }

    private static void CreateTask(StepScope scope, CreateUserTask c)
    {
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = scope.Instance.Id, LocalId = c.TaskId,
            DefinitionKey = scope.Instance.DefinitionKey, ElementId = c.ElementId, Name = c.Name,
            BusinessKey = scope.Instance.BusinessKey, Assignee = c.Assignee,
            CandidateUsers = string.Join(",", c.CandidateUsers), CandidateGroups = string.Join(",", c.CandidateGroups),
            DueAt = c.DueAt, FollowUpAt = c.FollowUpAt, Priority = c.Priority, FormKey = c.FormKey, CreatedAt = scope.Now,
            Status = TaskStatuses.Open,
        };
        task.Candidates.AddRange(c.CandidateUsers.Distinct().Select(u => new TaskCandidate { Kind = TaskCandidate.User, Name = u, DueAt = c.DueAt }));
        task.Candidates.AddRange(c.CandidateGroups.Distinct().Select(g => new TaskCandidate { Kind = TaskCandidate.Group, Name = g, DueAt = c.DueAt }));
        scope.Db.Tasks.Add(task);
        scope.Effects.Notifications.Add(Notification(WorkflowNotification.TaskCreated, task));
    }

    /// <summary>
    /// Closes an open task row (completed or cancelled) and drops its candidate rows. The revision
    /// moves on, so a claim that read the row while it was open fails instead of assigning a closed task.
    /// </summary>
    internal static void CloseTask(StepScope scope, int localId, string status, string? by)
    {
        foreach (var task in Tracked(scope.Db.Tasks,
                     t => t.InstanceId == scope.Instance.Id && t.LocalId == localId && t.Status == TaskStatuses.Open,
                     q => q.Include(t => t.Candidates)))
        {
            task.Status = status;
            task.CompletedBy = by;
            task.EndedAt = scope.Now;
            task.Revision++;
            task.Candidates.Clear();
            scope.Effects.Notifications.Add(Notification(WorkflowNotification.TaskClosed, task));
        }
    }

    internal static WorkflowNotification Notification(string kind, TaskRecord task) =>
        new(kind, task.InstanceId, task.Id, task.DefinitionKey, task.ElementId, task.Assignee,
            Split(task.CandidateGroups), Split(task.CandidateUsers));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Who was on the work a breached timer watched: the host task's assignee, else its groups.</summary>
    private static string? ResponsibleFor(StepScope scope, string timerElementId)
    {
        if (scope.Model.Node(timerElementId) is not BoundaryEventNode boundary) return null;
        var host = Tracked(scope.Db.Tasks, t => t.InstanceId == scope.Instance.Id && t.ElementId == boundary.AttachedToId
                                                 && t.Status == TaskStatuses.Open).FirstOrDefault();
        if (host is null) return null;
        return host.Assignee ?? (host.CandidateGroups.Length > 0 ? host.CandidateGroups : host.CandidateUsers);
    }

    private static void History(StepScope scope, string elementId, string evt, int tokenId, string? by, string? detail)
    {
        scope.Model.TryGetNode(elementId, out var node);
        scope.History.Add(new HistoryRecord
        {
            InstanceId = scope.Instance.Id, ElementId = elementId, ElementName = node?.Name ?? scope.Model.Name,
            Event = evt, TokenId = tokenId, At = scope.Now, By = by, Detail = detail,
        });
    }

    /// <summary>Matching rows already in the database plus those added in this step and not yet saved.</summary>
    internal static List<T> Tracked<T>(DbSet<T> set, System.Linq.Expressions.Expression<Func<T, bool>> predicate,
        Func<IQueryable<T>, IQueryable<T>>? shape = null) where T : class
    {
        var fromDb = (shape?.Invoke(set) ?? set).Where(predicate).ToList();
        var compiled = predicate.Compile();
        foreach (var added in set.Local.Where(compiled))
        {
            if (!fromDb.Contains(added)) fromDb.Add(added);
        }
        return fromDb;
    }
}
