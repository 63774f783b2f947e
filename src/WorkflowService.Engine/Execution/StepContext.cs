using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

/// <summary>A token on its way into a node, queued until the interpreter enters it.</summary>
internal readonly record struct Arrival(string ElementId, int ScopeId, string? ViaFlowId);

/// <summary>
/// The working copy of one instance during a single Start or Handle call: mutable for speed,
/// never visible outside the call. Every change that the host must apply is recorded as a
/// command here, in order, at the moment it happens.
/// </summary>
internal sealed class StepContext
{
    private readonly Queue<Arrival> _queue = new();
    private readonly int _maxSteps;
    private readonly TimeSpan _maxDuration;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private int _steps;
    private int _arrivals;

    /// <summary>Arrivals queued per step of budget: a fork inside a loop multiplies arrivals faster than steps.</summary>
    private const int ArrivalsPerStep = 10;

    public StepContext(ProcessModel model, ExpressionEvaluator expressions, InstanceState state, DateTimeOffset now,
        string? actor, int maxSteps, TimeSpan maxDuration)
    {
        _maxDuration = maxDuration;
        Model = model;
        Expressions = expressions;
        Now = now;
        Actor = actor;
        _maxSteps = maxSteps;
        Original = state;
        Variables = state.Variables.ToBuilder();
        Tokens = [.. state.Tokens];
        Scopes = [.. state.Scopes];
        Subscriptions = [.. state.Subscriptions];
        Incidents = [.. state.Incidents];
        NextId = state.NextId;
        Status = state.Status;
        EndedAt = state.EndedAt;
    }

    public ProcessModel Model { get; }
    public ExpressionEvaluator Expressions { get; }

    /// <summary>The business calendars timers may count in; null: none is defined.</summary>
    public Calendars.ICalendarSource? Calendars { get; init; }
    public DateTimeOffset Now { get; }

    /// <summary>The user or worker whose event this is, for history.</summary>
    public string? Actor { get; }
    public InstanceState Original { get; }
    public ImmutableDictionary<string, JsonElement>.Builder Variables { get; }
    public List<Token> Tokens { get; }
    public List<ScopeInstance> Scopes { get; }
    public List<Subscription> Subscriptions { get; }
    public List<Incident> Incidents { get; }
    public List<EngineCommand> Commands { get; } = [];
    public int NextId { get; private set; }
    public InstanceStatus Status { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public int NewId() => NextId++;

    public void Emit(EngineCommand command) => Commands.Add(command);

    public void Enqueue(string elementId, int scopeId, string? viaFlowId = null)
    {
        _arrivals++;
        _queue.Enqueue(new Arrival(elementId, scopeId, viaFlowId));
    }

    public bool TryDequeue(out Arrival arrival) => _queue.TryDequeue(out arrival);

    /// <summary>
    /// Counts one entered node; false once the step budget of this call is spent: its steps, or
    /// ten arrivals per step (so a loop through a wide fork stops before its queue fills memory).
    /// </summary>
    public bool TakeStep()
    {
        if (SpentBudget is not null) return false;
        if (++_steps > _maxSteps || _arrivals > (long)_maxSteps * ArrivalsPerStep) SpentBudget = $"after {_maxSteps:N0} steps";
        else if (Stopwatch.GetElapsedTime(_startedAt) > _maxDuration) SpentBudget = $"after {_maxDuration.TotalSeconds:0.#} s";
        return SpentBudget is null;
    }

    /// <summary>What stopped the call once <see cref="TakeStep"/> said no ("after 10,000 steps", "after 5 s"); null until then.</summary>
    public string? SpentBudget { get; private set; }

    /// <summary>Drops every queued arrival (the budget is spent); returns how many there were.</summary>
    public int DropAllQueued()
    {
        var count = _queue.Count;
        _queue.Clear();
        return count;
    }


    /// <summary>Drops queued arrivals in the given scopes (they were cancelled before being entered).</summary>
    public void DropQueued(IReadOnlySet<int> scopeIds)
    {
        if (_queue.Count == 0) return;
        var keep = _queue.Where(a => !scopeIds.Contains(a.ScopeId)).ToList();
        _queue.Clear();
        foreach (var a in keep) _queue.Enqueue(a);
    }

    /// <summary>Tokens resting or queued in a scope, plus its running child scopes.</summary>
    public bool ScopeIsEmpty(int scopeId) =>
        !Tokens.Any(t => t.ScopeId == scopeId)
        && !_queue.Any(a => a.ScopeId == scopeId)
        && !Scopes.Any(s => s.ParentScopeId == scopeId);

    public Token? FindToken(int id) => Tokens.Find(t => t.Id == id);

    public ScopeInstance? FindScope(int id) => Scopes.Find(s => s.Id == id);

    public void SetVariables(IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null) return;
        foreach (var (name, value) in variables) Variables[name] = value;
    }

    public InstanceState ToState() => Original with
    {
        Status = Status,
        Variables = Variables.ToImmutable(),
        Tokens = [.. Tokens],
        Scopes = [.. Scopes],
        Subscriptions = [.. Subscriptions],
        Incidents = [.. Incidents],
        NextId = NextId,
        EndedAt = EndedAt,
    };
}
