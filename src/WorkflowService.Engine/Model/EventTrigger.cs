namespace WorkflowService.Engine.Model;

/// <summary>What an event waits for or throws. A closed hierarchy: switch over it exhaustively.</summary>
public abstract record EventTrigger
{
    private protected EventTrigger() { }

    public static readonly NoneTrigger None = new();
}

public sealed record NoneTrigger : EventTrigger;

public sealed record TerminateTrigger : EventTrigger;

public sealed record TimerTrigger(TimerDefinition Timer) : EventTrigger;

/// <summary>Message by name (the <c>name</c> of the referenced <c>bpmn:message</c>).</summary>
public sealed record MessageTrigger(string MessageName) : EventTrigger;

/// <summary>
/// Error by code. On a throw: the code thrown. On a catch: the code caught, or null to catch
/// every error.
/// </summary>
public sealed record ErrorTrigger(string? ErrorCode) : EventTrigger;

/// <summary>Escalation by code; null on a catch means catch every escalation.</summary>
public sealed record EscalationTrigger(string? EscalationCode) : EventTrigger;

public enum TimerKind
{
    /// <summary><c>timeDuration</c>: ISO 8601 duration from when the timer is armed.</summary>
    Duration,

    /// <summary><c>timeDate</c>: ISO 8601 date-time.</summary>
    Date,

    /// <summary><c>timeCycle</c>: ISO 8601 repeating interval, e.g. <c>R3/PT10M</c>.</summary>
    Cycle,
}

/// <summary>A timer as written: the text may be a literal or an expression (<c>${...}</c>).</summary>
public sealed record TimerDefinition(TimerKind Kind, string Expression);
