using WorkflowService.Engine.Calendars;

namespace WorkflowService.Benchmarks.Support;

/// <summary>
/// The shipped <c>default</c> calendar (workflows/calendars/default.json), as the service loads it. The shipped processes
/// count their deadlines in it: an interpreter without it stops a repair start on an incident.
/// </summary>
internal sealed class ShippedCalendars : ICalendarSource
{
    private readonly WorkingCalendar _default = WorkingCalendar.Create(
        CalendarJson.Parse(File.ReadAllText(RepositoryRoot.PathOf("workflows/calendars/default.json"))), "Asia/Shanghai");

    public WorkingCalendar? Find(string name) => name == _default.Name ? _default : null;
}
