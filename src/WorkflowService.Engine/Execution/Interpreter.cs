using System.Text.Json;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

public sealed record InterpreterOptions
{
    /// <summary>
    /// Nodes one Start or Handle call may enter. A loop with no wait state spends it and stops as
    /// an incident on the element it reached, never a hang.
    /// </summary>
    public int MaxStepsPerEvent { get; init; } = 10_000;

    /// <summary>
    /// Time one Start or Handle call may run. Each expression has its own limit, but a loop can
    /// run thousands of them; past this the call stops as the step budget does. The only place the
    /// engine looks at a clock, and it changes a result only for a run that was going nowhere.
    /// </summary>
    public TimeSpan MaxDurationPerEvent { get; init; } = TimeSpan.FromSeconds(5);

    public ExpressionLimits ExpressionLimits { get; init; } = new();

    /// <summary>The business calendars timers and due dates may count in (<c>calendar</c> property); null: none.</summary>
    public Calendars.ICalendarSource? Calendars { get; init; }
}

/// <param name="StartEventId">Which start event (message or timer start); default: the none start event.</param>
/// <param name="Initiator">The starting user, stored in the start event's <c>camunda:initiator</c> variable.</param>
public sealed record StartOptions(string? StartEventId = null, string? Initiator = null);

/// <summary>
/// The BPMN interpreter: a pure function of (model, state, event). No I/O, no clock, no
/// randomness: the same input gives the same new state and the same commands, which the host
/// applies in order and in one transaction. Thread-safe; one instance serves every process.
/// Token semantics follow Camunda 7: tokens move until every one waits for something (a task, a
/// timer, a message, a join); a parallel join waits for a token on every incoming flow.
/// </summary>
public sealed class Interpreter(InterpreterOptions? options = null)
{
    private readonly InterpreterOptions _options = options ?? new InterpreterOptions();
    private readonly ExpressionEvaluator _expressions = new((options ?? new InterpreterOptions()).ExpressionLimits);

    public ExpressionEvaluator Expressions => _expressions;

    public InterpreterOptions Options => _options;

    public StepResult Start(ProcessModel model, IReadOnlyDictionary<string, JsonElement>? variables, DateTimeOffset now,
        StartOptions? start = null)
    {
        var startEvent = ChooseStartEvent(model, start?.StartEventId);
        var state = new InstanceState { DefinitionKey = model.Key, StartedAt = now };
        var ctx = new StepContext(model, _expressions, state, now, start?.Initiator, _options.MaxStepsPerEvent, _options.MaxDurationPerEvent)
        {
            Calendars = _options.Calendars,
        };
        ctx.SetVariables(variables);
        if (startEvent.InitiatorVariable is { } name && start?.Initiator is { } initiator)
            ctx.Variables[name] = VariableMap.Value(initiator);
        ctx.Enqueue(startEvent.Id, InstanceState.RootScopeId);
        Flow.Run(ctx);
        SlaPauses.Reconcile(ctx);
        return new StepResult(ctx.ToState(), [.. ctx.Commands]);
    }

    public StepResult Handle(ProcessModel model, InstanceState state, InstanceEvent evt)
    {
        if (!string.Equals(model.Key, state.DefinitionKey, StringComparison.Ordinal))
            throw new ArgumentException($"State of '{state.DefinitionKey}' handed with model '{model.Key}'", nameof(model));
        if (state.Status.IsFinal) return new StepResult(state, [], $"the instance is {state.Status} already");

        var ctx = new StepContext(model, _expressions, state, evt.At, ActorOf(evt), _options.MaxStepsPerEvent, _options.MaxDurationPerEvent)
        {
            Calendars = _options.Calendars,
        };
        if (EventHandlers.Apply(ctx, evt) is { } ignored) return new StepResult(state, [], ignored);
        Flow.Run(ctx);
        SlaPauses.Reconcile(ctx);
        return new StepResult(ctx.ToState(), [.. ctx.Commands]);
    }

    private static StartEventNode ChooseStartEvent(ProcessModel model, string? startEventId)
    {
        if (startEventId is null)
            return model.NoneStartEvent ?? throw new ArgumentException(
                $"Process '{model.Key}' has no none start event; start it through its message or timer start event");
        if (!model.TryGetNode(startEventId, out var node) || node is not StartEventNode { ParentId: null } start)
            throw new ArgumentException($"Process '{model.Key}' has no process-level start event '{startEventId}'");
        return start;
    }

    private static string? ActorOf(InstanceEvent evt) => evt switch
    {
        UserTaskCompleted e => e.CompletedBy,
        ExternalTaskCompleted e => e.WorkerId,
        CancelRequested e => e.By,
        IncidentRetried e => e.By,
        _ => null,
    };
}
