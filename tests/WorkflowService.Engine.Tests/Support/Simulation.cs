using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Tests.Support;

/// <summary>
/// A host in miniature for engine tests: applies the interpreter's commands to in-memory
/// collections (open tasks, pending timers, message waits, breaches, history) and moves a fake
/// clock. Time passes only through <see cref="AdvanceTo"/> and <see cref="AdvanceBy"/>.
/// </summary>
public sealed class Simulation
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The interpreter of tests that bring none: calendar <c>default</c> works around the clock, so a shipped
    /// process's working days are calendar days there (the working-time rules have tests of their own).
    /// </summary>
    public static readonly Interpreter Default = new(new InterpreterOptions { Calendars = TestCalendars.Of(TestCalendars.AroundTheClock()) });

    private readonly Interpreter _interpreter;

    private Simulation(Interpreter interpreter, ProcessModel model, DateTimeOffset now)
    {
        _interpreter = interpreter;
        Model = model;
        Now = now;
    }

    public ProcessModel Model { get; }
    public InstanceState State { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public List<EngineCommand> Commands { get; } = [];
    public Dictionary<int, CreateUserTask> OpenTasks { get; } = [];
    public Dictionary<int, CreateExternalTask> OpenExternalTasks { get; } = [];
    public Dictionary<int, ScheduleTimer> PendingTimers { get; } = [];

    /// <summary>Timers stopped by an slaPause element, with the time they had left (working time in their calendar).</summary>
    public Dictionary<int, (ScheduleTimer Timer, TimeSpan Left)> PausedTimers { get; } = [];
    public Dictionary<int, SubscribeMessage> MessageWaits { get; } = [];
    public List<RecordBreach> Breaches { get; } = [];
    public Dictionary<int, RaiseIncident> OpenIncidents { get; } = [];
    public StepResult LastResult { get; private set; } = null!;

    public bool IsCompleted => State.Status == InstanceStatus.Completed;

    /// <summary>Elements in the order tokens left them (completed, not interrupted).</summary>
    public IEnumerable<string> Path => Commands.OfType<ElementLeft>().Where(l => !l.Interrupted).Select(l => l.ElementId);

    public static Simulation Start(ProcessModel model, object? variables = null, DateTimeOffset? at = null,
        StartOptions? options = null, Interpreter? interpreter = null)
    {
        var sim = new Simulation(interpreter ?? Default, model, at ?? Epoch);
        sim.Apply(sim._interpreter.Start(model, Vars(variables), sim.Now, options));
        return sim;
    }

    public static ImmutableDictionary<string, JsonElement> Vars(object? variables) => variables switch
    {
        null => VariableMap.Empty,
        ImmutableDictionary<string, JsonElement> d => d,
        _ => VariableMap.FromJson(JsonSerializer.Serialize(variables)),
    };

    public CreateUserTask Task(string elementId) =>
        OpenTasks.Values.SingleOrDefault(t => t.ElementId == elementId)
        ?? throw new Xunit.Sdk.XunitException(
            $"No open user task '{elementId}'; open: [{string.Join(", ", OpenTasks.Values.Select(t => t.ElementId))}]" +
            Incidents());

    public bool HasTask(string elementId) => OpenTasks.Values.Any(t => t.ElementId == elementId);

    public StepResult CompleteTask(string elementId, object? variables = null, string? by = "tester") =>
        Handle(new UserTaskCompleted(Task(elementId).TaskId, Vars(variables), by) { At = Now });

    public CreateExternalTask ExternalTask(string elementId) =>
        OpenExternalTasks.Values.SingleOrDefault(t => t.ElementId == elementId)
        ?? throw new Xunit.Sdk.XunitException(
            $"No open external task '{elementId}'; open: [{string.Join(", ", OpenExternalTasks.Values.Select(t => t.ElementId))}]" +
            Incidents());

    public StepResult CompleteExternalTask(string elementId, object? variables = null) =>
        Handle(new ExternalTaskCompleted(ExternalTask(elementId).TaskId, Vars(variables), "worker") { At = Now });

    public StepResult FailExternalTask(string elementId, string? errorCode, string message = "failed") =>
        Handle(new ExternalTaskFailed(ExternalTask(elementId).TaskId, errorCode, message) { At = Now });

    public StepResult SendMessage(string name, object? variables = null)
    {
        var wait = MessageWaits.Values.Where(m => m.MessageName == name).OrderBy(m => m.SubscriptionId).FirstOrDefault()
                   ?? throw new Xunit.Sdk.XunitException($"Nothing waits for message '{name}'");
        return Handle(new MessageReceived(wait.SubscriptionId, Vars(variables)) { At = Now });
    }

    /// <summary>Moves the clock, firing every timer that falls due on the way, each at its due time.</summary>
    public void AdvanceTo(DateTimeOffset until)
    {
        while (PendingTimers.Values.Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).ThenBy(t => t.SubscriptionId)
                   .FirstOrDefault() is { } next)
        {
            Now = next.DueAt > Now ? next.DueAt : Now;
            Handle(new TimerFired(next.SubscriptionId) { At = Now, DueAt = next.DueAt });
        }
        if (until > Now) Now = until;
    }

    public void AdvanceBy(TimeSpan by) => AdvanceTo(Now + by);

    public StepResult Cancel() => Handle(new CancelRequested("test", "tester") { At = Now });

    public StepResult Handle(InstanceEvent evt)
    {
        var result = _interpreter.Handle(Model, State, evt);
        Apply(result);
        return result;
    }

    private void Apply(StepResult result)
    {
        LastResult = result;
        State = result.State;
        foreach (var command in result.Commands)
        {
            Commands.Add(command);
            switch (command)
            {
                case CreateUserTask c: OpenTasks.Add(c.TaskId, c); break;
                case CancelUserTask c: Assert.True(OpenTasks.Remove(c.TaskId), $"cancelled unknown task {c.TaskId}"); break;
                case CreateExternalTask c: OpenExternalTasks.Add(c.TaskId, c); break;
                case CancelExternalTask c: OpenExternalTasks.Remove(c.TaskId); break;
                case ScheduleTimer c: PendingTimers.Add(c.SubscriptionId, c); break;
                case CancelTimer c:
                    Assert.True(PendingTimers.Remove(c.SubscriptionId) | PausedTimers.Remove(c.SubscriptionId),
                        $"cancelled unknown timer {c.SubscriptionId}");
                    break;
                case PauseTimer c:
                    Assert.True(PendingTimers.Remove(c.SubscriptionId, out var running), $"paused unknown timer {c.SubscriptionId}");
                    PausedTimers.Add(c.SubscriptionId, (running, Left(running, c.At)));
                    break;
                case ResumeTimer c:
                    Assert.True(PausedTimers.Remove(c.SubscriptionId, out var paused), $"resumed a timer that is not paused {c.SubscriptionId}");
                    PendingTimers.Add(c.SubscriptionId, paused.Timer with { DueAt = Resume(paused.Timer, c.At, paused.Left) });
                    break;
                case SubscribeMessage c: MessageWaits.Add(c.SubscriptionId, c); break;
                case CancelMessageSubscription c: Assert.True(MessageWaits.Remove(c.SubscriptionId)); break;
                case RecordBreach c: Breaches.Add(c); break;
                case RaiseIncident c: OpenIncidents.Add(c.IncidentId, c); break;
                case ResolveIncident c: Assert.True(OpenIncidents.Remove(c.IncidentId)); break;
                case ElementEntered or ElementLeft or InstanceEnded: break;
                default: throw new InvalidOperationException($"Unknown command {command.GetType().Name}");
            }
        }
        // Completed work items leave without a cancel command: drop them when their token is gone.
        var waitingOnTasks = State.Tokens.Where(t => t.Wait == WaitKind.UserTask).Select(t => t.Id).ToHashSet();
        var waitingOnWorkers = State.Tokens.Where(t => t.Wait == WaitKind.ExternalTask).Select(t => t.Id).ToHashSet();
        foreach (var id in OpenTasks.Keys.Where(id => !waitingOnTasks.Contains(id)).ToList()) OpenTasks.Remove(id);
        foreach (var id in OpenExternalTasks.Keys.Where(id => !waitingOnWorkers.Contains(id)).ToList()) OpenExternalTasks.Remove(id);
        var pending = State.Subscriptions.Select(s => s.Id).ToHashSet();
        foreach (var id in PendingTimers.Keys.Where(id => !pending.Contains(id)).ToList()) PendingTimers.Remove(id);
        foreach (var id in PausedTimers.Keys.Where(id => !pending.Contains(id)).ToList()) PausedTimers.Remove(id);
        foreach (var id in MessageWaits.Keys.Where(id => !pending.Contains(id)).ToList()) MessageWaits.Remove(id);
    }

    /// <summary>What a host keeps when a timer pauses: the time to its due, in its calendar's working time if it has one.</summary>
    private TimeSpan Left(ScheduleTimer timer, DateTimeOffset at) =>
        timer.DueAt <= at ? TimeSpan.Zero
        : CalendarOf(timer) is { } calendar ? calendar.WorkingTimeBetween(at, timer.DueAt) : timer.DueAt - at;

    private DateTimeOffset Resume(ScheduleTimer timer, DateTimeOffset at, TimeSpan left) =>
        CalendarOf(timer) is { } calendar ? calendar.AddWorkingTime(at, left) : at + left;

    private WorkflowService.Engine.Calendars.WorkingCalendar? CalendarOf(ScheduleTimer timer) =>
        timer.Calendar is null ? null : _interpreter.Options.Calendars!.Find(timer.Calendar);

    private string Incidents() =>
        OpenIncidents.Count == 0 ? "" : "; incidents: " + string.Join(" | ", OpenIncidents.Values.Select(i => i.Message));

    public JsonElement Variable(string name) =>
        State.Variables.TryGetValue(name, out var v) ? v : throw new Xunit.Sdk.XunitException($"No variable '{name}'");
}
