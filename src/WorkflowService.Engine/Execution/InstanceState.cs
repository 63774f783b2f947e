using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Everything the interpreter needs to continue an instance: a value. The host stores it as
/// JSON (<see cref="InstanceStateJson"/>) and hands it back unchanged with the next event.
/// Ids of tokens, scopes, subscriptions and incidents are small integers local to the instance,
/// drawn from <see cref="NextId"/>, so the same event on the same state gives the same result.
/// </summary>
public sealed record InstanceState
{
    public required string DefinitionKey { get; init; }
    public InstanceStatus Status { get; init; } = InstanceStatus.Running;
    public ImmutableDictionary<string, JsonElement> Variables { get; init; } = VariableMap.Empty;

    /// <summary>Tokens at rest: every one waits for something (task, timer, message, join...).</summary>
    public ImmutableList<Token> Tokens { get; init; } = [];

    /// <summary>Running embedded subprocesses. The process level itself is scope 0 and not listed.</summary>
    public ImmutableList<ScopeInstance> Scopes { get; init; } = [];

    /// <summary>Pending timers and message waits (catch events, boundary events, event gateways).</summary>
    public ImmutableList<Subscription> Subscriptions { get; init; } = [];

    public ImmutableList<Incident> Incidents { get; init; } = [];
    public int NextId { get; init; } = 1;
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public const int RootScopeId = 0;

    /// <summary>Element ids where a token waits, for views and queries.</summary>
    [JsonIgnore]
    public IEnumerable<string> ActiveElementIds =>
        Tokens.Select(t => t.ElementId).Concat(Scopes.Select(s => s.ElementId)).Distinct(StringComparer.Ordinal);
}

/// <summary>What a resting token waits for.</summary>
public enum WaitKind
{
    UserTask,
    ExternalTask,

    /// <summary>The host token of an embedded subprocess while the subprocess runs.</summary>
    SubProcess,
    TimerCatch,
    MessageCatch,
    EventGateway,

    /// <summary>Arrived at a parallel join, waiting for the other incoming flows.</summary>
    ParallelJoin,

    /// <summary>Stopped by an incident; resumes when the incident is retried.</summary>
    Incident,
}

/// <param name="Id">Also the id of the work item it waits on (user task, external task).</param>
/// <param name="ScopeId">The scope the token runs in: 0 or a <see cref="ScopeInstance.Id"/>.</param>
/// <param name="ArrivedVia">For a join: the incoming sequence flow the token came along.</param>
public sealed record Token(int Id, string ElementId, int ScopeId, WaitKind Wait, string? ArrivedVia = null);

/// <summary>A running embedded subprocess; <paramref name="HostTokenId"/> waits in the parent scope.</summary>
public sealed record ScopeInstance(int Id, string ElementId, int ParentScopeId, int HostTokenId);

public enum SubscriptionKind
{
    Timer,
    Message,
}

/// <summary>
/// A pending timer or message wait, owned by a token: the token at a catch event or event-based
/// gateway, or the token at the activity a boundary event is attached to. Ends when the owner moves.
/// </summary>
/// <param name="EventElementId">The catch or boundary event that fires.</param>
/// <param name="CycleInterval">For a timer cycle: the ISO 8601 interval to the next firing.</param>
/// <param name="CycleRemaining">Firings left after this one for <c>Rn/</c> cycles; null = unbounded.</param>
/// <param name="Calendar">The business calendar a timer's durations count in; null = real time.</param>
/// <param name="Paused">
/// An SLA timer stopped by an active <c>slaPause</c> element. The host keeps the time it had left and
/// knows its due time after it resumes; <paramref name="DueAt"/> is the due time when it was armed.
/// </param>
public sealed record Subscription(
    int Id,
    int OwnerTokenId,
    string EventElementId,
    SubscriptionKind Kind,
    DateTimeOffset? DueAt = null,
    string? MessageName = null,
    string? CycleInterval = null,
    int? CycleRemaining = null,
    string? Calendar = null,
    bool Paused = false);

/// <summary>
/// A token that could not go on, with the reason; retried by an event. <paramref name="OnLeave"/>:
/// the element itself ran, but choosing its outgoing flows failed, so a retry only re-chooses.
/// </summary>
public sealed record Incident(int Id, int TokenId, string ElementId, string Message, DateTimeOffset At, bool OnLeave = false);
