using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Turns the engine's commands into rows of the step's transaction, in the order returned.
/// The switch is exhaustive and an unknown command throws: skipping one would run a different
/// process. Service tasks on internal topics (e.g. <c>send-email</c>) are done here and
/// completed at once, so the process moves on in the same step.
/// </summary>
/// <param name="notices">Tells a task's assignee in the step (absent in tests that build the applier by hand).</param>
/// <param name="robots">Posts breaches to the group robots subscribed to them (absent likewise).</param>
public sealed class CommandApplier(Interpreter interpreter, IEnumerable<IInternalTopicHandler> internalHandlers,
    Notifications.Personal.PersonalNotices? notices = null, Notifications.Robots.RobotAlerts? robots = null)
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
                    await ApplyOneAsync(scope, command, ct);
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

    /// <summary>One command, by one small method per kind; the switch names every kind the engine has.</summary>
    private async ValueTask ApplyOneAsync(StepScope scope, EngineCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case CreateUserTask c:
                var created = CreateTask(scope, c);
                if (notices is not null) await notices.TaskCreatedAsync(scope, created, ct);
                break;
            case CancelUserTask c: await CloseTaskAsync(scope, c.TaskId, UserTaskStatus.Cancelled, null, ct); break;
            case CreateExternalTask c: CreateExternalTask(scope, c); break;
            case CancelExternalTask c: await CancelExternalTaskAsync(scope, c, ct); break;
            case ScheduleTimer c: ScheduleTimer(scope, c); break;
            case CancelTimer c: await CancelTimerAsync(scope, c, ct); break;
            case PauseTimer c: await PauseTimerAsync(scope, c, ct); break;
            case ResumeTimer c: await ResumeTimerAsync(scope, c, ct); break;
            case SubscribeMessage c: Subscribe(scope, c); break;
            case CancelMessageSubscription c: await UnsubscribeAsync(scope, c.SubscriptionId, ct); break;
            case RecordBreach c: await RecordBreachAsync(scope, c, ct); break;
            case RaiseIncident c: History(scope, c.ElementId, HistoryEvent.Incident, 0, null, c.Message); break;
            case ResolveIncident c: History(scope, c.ElementId, HistoryEvent.IncidentResolved, 0, null, null); break;
            case ElementEntered c:
                History(scope, c.ElementId, HistoryEvent.Entered, c.TokenId, null, null);
                // An element whose model says notify="<event>" (the hotline's missed call) reaches the group robots (issue 15).
                if (robots is not null) await robots.ElementEnteredAsync(scope, c.ElementId, ct);
                break;
            case ElementLeft c: History(scope, c.ElementId, c.Interrupted ? HistoryEvent.Interrupted : HistoryEvent.Left, c.TokenId, c.By, null); break;
            case InstanceEnded c: EndInstance(scope, c); break;
            default: throw new InvalidOperationException($"Unknown engine command {command.GetType().Name}");
        }
    }

    private static TaskRecord CreateTask(StepScope scope, CreateUserTask c)
    {
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = scope.Instance.Id, LocalId = c.TaskId,
            DefinitionKey = scope.Instance.DefinitionKey, ElementId = c.ElementId, Name = c.Name,
            BusinessKey = scope.Instance.BusinessKey, Assignee = c.Assignee,
            CandidateUsers = string.Join(",", c.CandidateUsers), CandidateGroups = string.Join(",", c.CandidateGroups),
            DueAt = c.DueAt, DueCalendar = c.DueCalendar, DueCountFrom = c.DueCalendar is null ? null : c.DueCountFrom, DueSpan = c.DueSpan,
            FollowUpAt = c.FollowUpAt, Priority = c.Priority, FormKey = c.FormKey, CreatedAt = scope.Now,
            Status = UserTaskStatus.Open,
        };
        task.Candidates.AddRange(c.CandidateUsers.Distinct().Select(u => new TaskCandidate
            { Kind = TaskCandidate.User, Name = u, DueAt = c.DueAt, Priority = c.Priority }));
        task.Candidates.AddRange(c.CandidateGroups.Distinct().Select(g => new TaskCandidate
            { Kind = TaskCandidate.Group, Name = g, DueAt = c.DueAt, Priority = c.Priority }));
        scope.OpenTasks.Add(task);
        scope.Effects.Notifications.Add(Notification(WorkflowNotification.TaskCreated, task));
        return task;
    }

    /// <summary>
    /// Closes an open task row (completed or cancelled) and drops its candidate rows. The revision
    /// moves on, so a claim that read the row while it was open fails instead of assigning a closed task.
    /// </summary>
    internal static async Task CloseTaskAsync(StepScope scope, int localId, UserTaskStatus status, string? by, CancellationToken ct)
    {
        foreach (var task in await scope.OpenTasks.WhereAsync(t => t.LocalId == localId && t.Status == UserTaskStatus.Open, ct))
        {
            task.Status = status;
            task.CompletedBy = by;
            task.EndedAt = scope.Now;
            task.Revision++;
            task.Candidates.Clear();
            scope.Effects.Notifications.Add(Notification(WorkflowNotification.TaskClosed, task));
        }
    }

    private static void CreateExternalTask(StepScope scope, CreateExternalTask c) =>
        scope.OpenExternalTasks.Add(new ExternalTaskRecord
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = scope.Instance.Id, LocalId = c.TaskId, ElementId = c.ElementId,
            Topic = c.Topic, InputsJson = JsonSerializer.Serialize(c.Inputs), Priority = c.Priority,
            Status = ExternalTaskStatus.Open, CreatedAt = scope.Now,
        });

    private static async Task CancelExternalTaskAsync(StepScope scope, CancelExternalTask c, CancellationToken ct)
    {
        foreach (var row in await scope.OpenExternalTasks.WhereAsync(t => t.LocalId == c.TaskId && t.Status == ExternalTaskStatus.Open, ct))
        {
            row.Status = ExternalTaskStatus.Cancelled;
            row.Revision++; // a worker's fetch that read the row open must not lock it now
        }
    }

    private void ScheduleTimer(StepScope scope, ScheduleTimer c)
    {
        var timer = new TimerRecord
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = scope.Instance.Id, SubscriptionId = c.SubscriptionId,
            ElementId = c.ElementId, DueAt = c.DueAt, SlaRule = c.SlaRule, Status = TimerStatus.Pending,
            Calendar = c.Calendar, CountFrom = c.Span is null ? null : c.CountFrom, Span = c.Span,
        };
        scope.PendingTimers.Add(timer);
        scope.Effects.Timers.Add((timer.Id, timer.DueAt));
        // Warnings fall on the span from arming to due, a date timer's too (its row has no span to re-compute).
        foreach (var warning in SlaClock.Warnings(timer, c.CountFrom, c.WarnAt, CalendarOf(c.Calendar)))
        {
            scope.PendingTimers.Add(warning);
            scope.Effects.Timers.Add((warning.Id, warning.DueAt));
        }
    }

    /// <summary>The timer and its warnings: every row of the subscription still to fire.</summary>
    private static ValueTask<List<TimerRecord>> RowsOfAsync(StepScope scope, int subscriptionId, TimerStatus status, CancellationToken ct) =>
        scope.PendingTimers.WhereAsync(t => t.SubscriptionId == subscriptionId && t.Status == status.Name, ct);

    /// <summary>
    /// Cancels the subscription's rows still to fire. Before the step has read its timers (a completion cancelling its task's
    /// SLA timer), by one UPDATE in the database and the same change to the rows the context holds, without reading them:
    /// a row held with another status (marked fired by the step's preparation) keeps it, as its change is saved after.
    /// </summary>
    private static async Task CancelTimerAsync(StepScope scope, CancelTimer c, CancellationToken ct)
    {
        bool ToFire(TimerRecord t) => t.SubscriptionId == c.SubscriptionId && (t.Status == TimerStatus.Pending || t.Status == TimerStatus.Paused);
        if (scope.PendingTimers.Unread)
        {
            // Plain SQL rather than ExecuteUpdate: the same statement, without translating a LINQ tree in every completion.
            var (instanceId, subscriptionId) = (scope.Instance.Id, c.SubscriptionId);
            string pending = TimerStatus.Pending, paused = TimerStatus.Paused, cancelled = TimerStatus.Cancelled;
            await scope.Db.Database.ExecuteSqlAsync(
                $"UPDATE \"timers\" SET \"Status\" = {cancelled} WHERE \"InstanceId\" = {instanceId} AND \"SubscriptionId\" = {subscriptionId} AND \"Status\" IN ({pending}, {paused})",
                ct);
            foreach (var row in scope.PendingTimers.Held.Where(ToFire).ToList()) row.Status = TimerStatus.Cancelled;
            return;
        }
        foreach (var row in await scope.PendingTimers.WhereAsync(ToFire, ct))
            row.Status = TimerStatus.Cancelled;
    }

    private async Task PauseTimerAsync(StepScope scope, PauseTimer c, CancellationToken ct)
    {
        foreach (var row in await RowsOfAsync(scope, c.SubscriptionId, TimerStatus.Pending, ct))
            SlaClock.Pause(row, c.At, CalendarOf(row.Calendar));
    }

    private async Task ResumeTimerAsync(StepScope scope, ResumeTimer c, CancellationToken ct)
    {
        foreach (var row in await RowsOfAsync(scope, c.SubscriptionId, TimerStatus.Paused, ct))
        {
            SlaClock.Resume(row, c.At, CalendarOf(row.Calendar));
            scope.Effects.Timers.Add((row.Id, row.DueAt));
        }
    }

    /// <summary>
    /// A timer's calendar; the engine armed it with this name, so it existed a moment ago. Removed since:
    /// counted in real time rather than failing the step that has to stop or restart the clock.
    /// </summary>
    private WorkingCalendar? CalendarOf(string? name) => name is null ? null : interpreter.Options.Calendars?.Find(name);

    private static void Subscribe(StepScope scope, SubscribeMessage c) =>
        scope.Subscriptions.Add(new MessageSubscriptionRecord
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = scope.Instance.Id, SubscriptionId = c.SubscriptionId,
            ElementId = c.ElementId, MessageName = c.MessageName, BusinessKey = scope.Instance.BusinessKey,
            CreatedAt = scope.Now,
        });

    /// <summary>Drops the rows of a subscription (cancelled, or consumed by the message that ended its wait).</summary>
    internal static async Task UnsubscribeAsync(StepScope scope, int subscriptionId, CancellationToken ct)
    {
        foreach (var row in await scope.Subscriptions.WhereAsync(m => m.SubscriptionId == subscriptionId, ct))
            scope.Subscriptions.Remove(row);
    }

    private async Task RecordBreachAsync(StepScope scope, RecordBreach c, CancellationToken ct)
    {
        var (person, groups) = await BreachCharge.OfAsync(scope, c, ct);
        var breach = new BreachRecord
        {
            Rule = c.Rule, InstanceId = scope.Instance.Id, DefinitionKey = scope.Instance.DefinitionKey,
            BusinessKey = scope.Instance.BusinessKey, ElementId = c.ElementId, DueAt = c.DueAt, DetectedAt = c.DetectedAt,
            Responsible = person, ResponsibleGroup = groups,
            ResponsibleNote = BreachCharge.Note(c),
        };
        scope.Db.Breaches.Add(breach);
        // A milestone reached before the breach was seen is late all the same (the writer marks those reached after).
        var (instanceId, rule) = (scope.Instance.Id, c.Rule);
        await scope.Db.Milestones.Where(m => m.InstanceId == instanceId && m.Rule == rule && !m.Breached)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Breached, true), ct);
        // The group robots subscribed to breaches, in the same transaction (issue 15).
        if (robots is not null) await robots.BreachAsync(scope, c, breach, ct);
    }

    private static void EndInstance(StepScope scope, InstanceEnded c)
    {
        scope.Effects.Notifications.Add(new WorkflowNotification(WorkflowNotification.InstanceChanged, scope.Instance.Id,
            null, scope.Instance.DefinitionKey, null, null, [], []));
        History(scope, scope.Model.Key, HistoryEvent.EndOf(c.Status), 0, null, null);
    }

    internal static WorkflowNotification Notification(string kind, TaskRecord task) =>
        new(kind, task.InstanceId, task.Id, task.DefinitionKey, task.ElementId, task.Assignee,
            Split(task.CandidateGroups), Split(task.CandidateUsers));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static void History(StepScope scope, string elementId, HistoryEvent evt, int tokenId, string? by, string? detail)
    {
        scope.Model.TryGetNode(elementId, out var node);
        scope.History.Add(new HistoryRecord
        {
            InstanceId = scope.Instance.Id, ElementId = elementId, ElementName = node?.Name ?? scope.Model.Name,
            Event = evt, TokenId = tokenId, At = scope.Now, By = by, Detail = detail,
        });
    }
}
