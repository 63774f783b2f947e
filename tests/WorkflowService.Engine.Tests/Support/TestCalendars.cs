using WorkflowService.Engine.Calendars;

namespace WorkflowService.Engine.Tests.Support;

/// <summary>
/// Calendars for tests of processes that name one. <see cref="AroundTheClock"/> works every day all day,
/// so working days are calendar days and a test of the process logic need not know the weekday it runs on;
/// tests of the working-time rules use the real schedule (workflows/calendars/default.json).
/// </summary>
public static class TestCalendars
{
    public static WorkingCalendar AroundTheClock(string name = "default") => WorkingCalendar.Create(new CalendarDefinition
    {
        Name = name,
        TimeZone = "UTC",
        WorkingDays = [.. Enum.GetValues<DayOfWeek>()],
        Periods = [new WorkingPeriod(TimeOnly.MinValue, TimeOnly.MaxValue)],
    }, "UTC");

    /// <summary>The shipped calendar: China's working days and holidays, 08:30–12:00 and 13:30–17:30 in Shanghai.</summary>
    public static WorkingCalendar Shipped() => WorkingCalendar.Create(
        CalendarJson.Parse(File.ReadAllText(Path.Combine(Scenarios.ShippedProcesses.Folder, "calendars", "default.json"))), "Asia/Shanghai");

    public static ICalendarSource Of(params WorkingCalendar[] calendars) => new Source(calendars);

    private sealed class Source(WorkingCalendar[] calendars) : ICalendarSource
    {
        public WorkingCalendar? Find(string name) => Array.Find(calendars, c => c.Name == name);
    }
}
