using System.Collections.Immutable;
using System.Text.Json;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Something that happened to an instance, carrying its own time. A closed hierarchy: the
/// interpreter switches over it exhaustively.
/// </summary>
public abstract record InstanceEvent
{
    private protected InstanceEvent() { }

    public required DateTimeOffset At { get; init; }
}

/// <summary>A user task was completed, with the submitted (already validated) variables.</summary>
public sealed record UserTaskCompleted(int TaskId, ImmutableDictionary<string, JsonElement> Variables, string? CompletedBy)
    : InstanceEvent;

public sealed record TimerFired(int SubscriptionId) : InstanceEvent
{
    /// <summary>
    /// The due time the host fired it for. The host owns due times once a timer is armed (a paused
    /// timer resumes, a calendar edit moves it); null: the due time the engine armed it with.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>A correlated message for one subscription of this instance.</summary>
public sealed record MessageReceived(int SubscriptionId, ImmutableDictionary<string, JsonElement> Variables) : InstanceEvent;

public sealed record ExternalTaskCompleted(int TaskId, ImmutableDictionary<string, JsonElement> Variables, string? WorkerId = null)
    : InstanceEvent;

/// <summary>
/// An external task failed. With an <paramref name="ErrorCode"/> it is a BPMN error thrown at the
/// task (an error boundary event may catch it); without, it is a technical failure: an incident.
/// </summary>
public sealed record ExternalTaskFailed(int TaskId, string? ErrorCode, string Message,
    ImmutableDictionary<string, JsonElement>? Variables = null) : InstanceEvent;

/// <summary>Cancel the whole instance: every task, timer and subscription ends.</summary>
public sealed record CancelRequested(string? Reason, string? By = null) : InstanceEvent;

/// <summary>Run the element of an incident again, optionally after setting variables.</summary>
public sealed record IncidentRetried(int IncidentId, ImmutableDictionary<string, JsonElement>? Variables = null, string? By = null)
    : InstanceEvent;
