using WorkflowService.Engine.Calendars;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>No business calendar at all: what a host without a calendar store offers (a timer naming one stops as an incident).</summary>
public sealed class NoCalendars : ICalendarSource
{
    public static readonly NoCalendars Instance = new();

    private NoCalendars() { }

    public WorkingCalendar? Find(string name) => null;
}
