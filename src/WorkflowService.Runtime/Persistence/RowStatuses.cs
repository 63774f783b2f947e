namespace WorkflowService.Runtime.Persistence;

// The statuses of the runtime's rows, as named values like the engine's InstanceStatus. The
// columns keep the same strings as before (no migration): a status is written and compared
// through its name, and read back with Parse where its meaning (IsFinal) is needed. Each is its
// own record struct (structs cannot share a base), so the four repeat the same small shape: keep
// them alike. Parse is exact (case-sensitive), because it reads what this code wrote.

/// <summary>The status of a user task row (<see cref="TaskRecord.Status"/>).</summary>
public readonly record struct UserTaskStatus
{
    private UserTaskStatus(string name, bool isFinal) => (Name, IsFinal) = (name, isFinal);

    /// <summary>What the row's <c>Status</c> column holds.</summary>
    public string Name { get; }

    /// <summary>A row in a final status never changes again.</summary>
    public bool IsFinal { get; }

    /// <summary>In an inbox: it may be claimed and completed.</summary>
    public static readonly UserTaskStatus Open = new("Open", false);
    public static readonly UserTaskStatus Completed = new("Completed", true);
    /// <summary>Its activity was left without it (an interrupting event, a cancelled instance).</summary>
    public static readonly UserTaskStatus Cancelled = new("Cancelled", true);

    public static IReadOnlyList<UserTaskStatus> All { get; } = [Open, Completed, Cancelled];

    /// <summary>The status a stored name stands for; an unknown name throws rather than passing for one.</summary>
    public static UserTaskStatus Parse(string name) => RowStatus.Parse(All, name, s => s.Name, "task status");

    /// <summary>Rows keep the name: assigning or comparing a status to a <c>Status</c> column uses it.</summary>
    public static implicit operator string(UserTaskStatus status) => status.Name;

    public override string ToString() => Name;
}

/// <summary>The status of a timer row (<see cref="TimerRecord.Status"/>).</summary>
public readonly record struct TimerStatus
{
    private TimerStatus(string name, bool isFinal) => (Name, IsFinal) = (name, isFinal);

    /// <summary>What the row's <c>Status</c> column holds.</summary>
    public string Name { get; }

    /// <summary>A row in a final status never changes again.</summary>
    public bool IsFinal { get; }

    /// <summary>Waiting for its due time.</summary>
    public static readonly TimerStatus Pending = new("Pending", false);
    public static readonly TimerStatus Fired = new("Fired", true);
    public static readonly TimerStatus Cancelled = new("Cancelled", true);

    /// <summary>An SLA timer (or its warning) stopped while an slaPause element is active; resumes with <see cref="TimerRecord.Left"/>.</summary>
    public static readonly TimerStatus Paused = new("Paused", false);

    public static IReadOnlyList<TimerStatus> All { get; } = [Pending, Fired, Cancelled, Paused];

    /// <summary>The status a stored name stands for; an unknown name throws rather than passing for one.</summary>
    public static TimerStatus Parse(string name) => RowStatus.Parse(All, name, s => s.Name, "timer status");

    /// <summary>Rows keep the name: assigning or comparing a status to a <c>Status</c> column uses it.</summary>
    public static implicit operator string(TimerStatus status) => status.Name;

    public override string ToString() => Name;
}

/// <summary>The status of an external task row (<see cref="ExternalTaskRecord.Status"/>).</summary>
public readonly record struct ExternalTaskStatus
{
    private ExternalTaskStatus(string name, bool isFinal) => (Name, IsFinal) = (name, isFinal);

    /// <summary>What the row's <c>Status</c> column holds.</summary>
    public string Name { get; }

    /// <summary>A row in a final status never changes again.</summary>
    public bool IsFinal { get; }

    /// <summary>Offered to workers, locked or not.</summary>
    public static readonly ExternalTaskStatus Open = new("Open", false);
    /// <summary>Done, or ended by a BPMN error the worker reported.</summary>
    public static readonly ExternalTaskStatus Completed = new("Completed", true);
    /// <summary>Failed with no retries left: an incident.</summary>
    public static readonly ExternalTaskStatus Failed = new("Failed", true);
    public static readonly ExternalTaskStatus Cancelled = new("Cancelled", true);

    public static IReadOnlyList<ExternalTaskStatus> All { get; } = [Open, Completed, Failed, Cancelled];

    /// <summary>The status a stored name stands for; an unknown name throws rather than passing for one.</summary>
    public static ExternalTaskStatus Parse(string name) => RowStatus.Parse(All, name, s => s.Name, "external task status");

    /// <summary>Rows keep the name: assigning or comparing a status to a <c>Status</c> column uses it.</summary>
    public static implicit operator string(ExternalTaskStatus status) => status.Name;

    public override string ToString() => Name;
}

/// <summary>The status of an outbox row (<see cref="OutboxMessage.Status"/>).</summary>
public readonly record struct OutboxStatus
{
    private OutboxStatus(string name, bool isFinal) => (Name, IsFinal) = (name, isFinal);

    /// <summary>What the row's <c>Status</c> column holds.</summary>
    public string Name { get; }

    /// <summary>A row in a final status never changes again.</summary>
    public bool IsFinal { get; }

    /// <summary>To be sent, now or at its NextAttemptAt.</summary>
    public static readonly OutboxStatus Pending = new("Pending", false);
    public static readonly OutboxStatus Sent = new("Sent", true);
    /// <summary>Can never be sent as it is.</summary>
    public static readonly OutboxStatus Failed = new("Failed", true);

    public static IReadOnlyList<OutboxStatus> All { get; } = [Pending, Sent, Failed];

    /// <summary>The status a stored name stands for; an unknown name throws rather than passing for one.</summary>
    public static OutboxStatus Parse(string name) => RowStatus.Parse(All, name, s => s.Name, "outbox status");

    /// <summary>Rows keep the name: assigning or comparing a status to a <c>Status</c> column uses it.</summary>
    public static implicit operator string(OutboxStatus status) => status.Name;

    public override string ToString() => Name;
}

/// <summary>The lookup the status types share.</summary>
internal static class RowStatus
{
    public static T Parse<T>(IReadOnlyList<T> all, string name, Func<T, string> nameOf, string what)
    {
        foreach (var status in all)
            if (string.Equals(nameOf(status), name, StringComparison.Ordinal)) return status;
        throw new FormatException($"Unknown {what} '{name}'; expected one of {string.Join(", ", all.Select(nameOf))}");
    }
}
