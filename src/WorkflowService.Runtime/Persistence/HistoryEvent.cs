using WorkflowService.Engine.Execution;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// What a history row records (<see cref="HistoryRecord.Event"/>): a named value stored as its
/// name, as the rows have always held it. An instance's end is recorded under its final status.
/// </summary>
public readonly record struct HistoryEvent
{
    private HistoryEvent(string name, bool endsInstance) => (Name, EndsInstance) = (name, endsInstance);

    /// <summary>What the row's <c>Event</c> column holds.</summary>
    public string Name { get; }

    /// <summary>The row marks the instance's end (its element is the process).</summary>
    public bool EndsInstance { get; }

    public static readonly HistoryEvent Entered = new("entered", false);
    public static readonly HistoryEvent Left = new("left", false);

    /// <summary>Left because an interrupting event (boundary, event subprocess) took the token away.</summary>
    public static readonly HistoryEvent Interrupted = new("interrupted", false);
    public static readonly HistoryEvent Incident = new("incident", false);
    public static readonly HistoryEvent IncidentResolved = new("incidentResolved", false);
    public static readonly HistoryEvent Completed = new("completed", true);
    public static readonly HistoryEvent Cancelled = new("cancelled", true);
    public static readonly HistoryEvent Failed = new("failed", true);

    public static IReadOnlyList<HistoryEvent> All { get; } =
        [Entered, Left, Interrupted, Incident, IncidentResolved, Completed, Cancelled, Failed];

    /// <summary>The row of an instance that ended with <paramref name="status"/> (a final status).</summary>
    public static HistoryEvent EndOf(InstanceStatus status) =>
        status == InstanceStatus.Completed ? Completed
        : status == InstanceStatus.Cancelled ? Cancelled
        : status == InstanceStatus.Failed ? Failed
        : throw new ArgumentException($"An instance does not end as {status}", nameof(status));

    /// <summary>The event a stored name stands for; an unknown name throws rather than passing for one.</summary>
    public static HistoryEvent Parse(string name) => RowStatus.Parse(All, name, e => e.Name, "history event");

    /// <summary>Rows keep the name: assigning or comparing an event to an <c>Event</c> column uses it.</summary>
    public static implicit operator string(HistoryEvent evt) => evt.Name;

    public override string ToString() => Name;
}
