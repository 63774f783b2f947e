namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// Told after a calendar was saved (committed) on this node, e.g. to re-compute the pending timers
/// that count in it. Every registered listener is called in turn; one that throws is logged and
/// does not stop the others or undo the save.
/// </summary>
public interface ICalendarChangeListener
{
    Task CalendarChangedAsync(CalendarChanged change, CancellationToken ct);
}

/// <summary>A calendar was created or replaced: its new definition and version.</summary>
public sealed record CalendarChanged(string Name, int Version, Engine.Calendars.CalendarDefinition Definition, string ChangedBy);
