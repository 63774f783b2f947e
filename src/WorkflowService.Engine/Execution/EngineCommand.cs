using System.Collections.Immutable;
using System.Text.Json;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// An effect the host must apply, in the order returned. A closed hierarchy: a host switches
/// exhaustively and throws on a case it does not know, because skipping one would run a
/// different process.
/// </summary>
public abstract record EngineCommand
{
    private protected EngineCommand() { }
}

public sealed record CreateUserTask(
    int TaskId,
    string ElementId,
    string? Name,
    string? Assignee,
    ImmutableArray<string> CandidateUsers,
    ImmutableArray<string> CandidateGroups,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    string? FormKey) : EngineCommand
{
    /// <summary>
    /// The business calendar the due date's duration counts in, when it was a duration counted in one: with
    /// <see cref="DueCountFrom"/> and <see cref="DueSpan"/>, what the host needs to count it again when the calendar is
    /// edited (<see cref="ScheduleTimer.Calendar"/> likewise). Null: a date, or real time, which no edit moves.
    /// </summary>
    public string? DueCalendar { get; init; }

    /// <summary>The instant the due date's duration counts from (its <c>countFrom</c>, else the task's creation).</summary>
    public DateTimeOffset DueCountFrom { get; init; }

    /// <summary>The ISO 8601 duration counted to <see cref="DueAt"/> in <see cref="DueCalendar"/>; null otherwise.</summary>
    public string? DueSpan { get; init; }
}

/// <summary>The task ended without completion (interrupted by a boundary event, cancelled instance...).</summary>
public sealed record CancelUserTask(int TaskId, string ElementId) : EngineCommand;

public sealed record CreateExternalTask(
    int TaskId,
    string ElementId,
    string Topic,
    ImmutableDictionary<string, JsonElement> Inputs,
    int Priority) : EngineCommand;

public sealed record CancelExternalTask(int TaskId, string ElementId) : EngineCommand;

/// <param name="SlaRule">The <c>sla</c> extension property of the timer event, if any.</param>
public sealed record ScheduleTimer(int SubscriptionId, string ElementId, DateTimeOffset DueAt, string? SlaRule) : EngineCommand
{
    /// <summary>The business calendar the span counts in; null = real time.</summary>
    public string? Calendar { get; init; }

    /// <summary>
    /// What the due time was computed from, so the host can compute it again when the calendar is
    /// edited: <see cref="DueAt"/> = <see cref="Span"/> counted in <see cref="Calendar"/> from
    /// <see cref="CountFrom"/>. Null span: a date, which no calendar edit moves.
    /// </summary>
    public DateTimeOffset CountFrom { get; init; }

    /// <summary>The ISO 8601 duration counted (a timeDuration, or a cycle's interval); null for a date.</summary>
    public string? Span { get; init; }

    /// <summary>Percentages of the span at which the host warns before the breach (<c>warnAt</c>); SLA timers only.</summary>
    public ImmutableArray<int> WarnAt { get; init; } = [];
}

/// <summary>
/// An SLA timer stops while an <c>slaPause</c> element is active: the host keeps the time it has left
/// (in its calendar's working time when it has one) and does not fire it.
/// </summary>
public sealed record PauseTimer(int SubscriptionId, string ElementId, DateTimeOffset At) : EngineCommand;

/// <summary>A paused SLA timer runs again: due when the time it had left has passed again from <paramref name="At"/>.</summary>
public sealed record ResumeTimer(int SubscriptionId, string ElementId, DateTimeOffset At) : EngineCommand;

public sealed record CancelTimer(int SubscriptionId, string ElementId) : EngineCommand;

public sealed record SubscribeMessage(int SubscriptionId, string ElementId, string MessageName) : EngineCommand;

public sealed record CancelMessageSubscription(int SubscriptionId, string ElementId) : EngineCommand;

/// <summary>An SLA timer fired: rule <paramref name="Rule"/> was breached.</summary>
public sealed record RecordBreach(string Rule, string ElementId, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : EngineCommand
{
    /// <summary>The person named by the <c>responsible</c> property, evaluated at the breach; null when none or it failed.</summary>
    public string? Responsible { get; init; }

    /// <summary>The group(s) named by the <c>responsibleGroup</c> property, evaluated at the breach.</summary>
    public string? ResponsibleGroup { get; init; }

    /// <summary>Why an explicit property named nobody (its expression failed or gave nothing); null when all went well.</summary>
    public string? ResponsibleNote { get; init; }

    /// <summary>
    /// The user tasks the timer watched, oldest first: the host task, or the tasks open inside the host
    /// subprocess. The host charges their assignee and groups when no explicit property names someone.
    /// </summary>
    public ImmutableArray<int> WatchedTaskIds { get; init; } = [];
}

public sealed record RaiseIncident(int IncidentId, string ElementId, string Message) : EngineCommand;

public sealed record ResolveIncident(int IncidentId, string ElementId) : EngineCommand;

/// <summary>History: a token entered a flow node.</summary>
public sealed record ElementEntered(string ElementId, int TokenId, DateTimeOffset At) : EngineCommand;

/// <summary>History: a token left a flow node (completed, or interrupted when <paramref name="Interrupted"/>).</summary>
public sealed record ElementLeft(string ElementId, int TokenId, DateTimeOffset At, string? By, bool Interrupted = false)
    : EngineCommand;

/// <summary>The instance reached a final status.</summary>
public sealed record InstanceEnded(InstanceStatus Status, DateTimeOffset At) : EngineCommand;
