using System.Globalization;
using WorkflowService.Engine.Calendars;

namespace WorkflowService.Engine.Tests.Calendars;

/// <summary>Calendars built in code for the rule tests, independent of the shipped default.json.</summary>
internal static class CalendarFixture
{
    public const string Shanghai = "Asia/Shanghai";

    /// <summary>Mon–Fri, 08:30–12:00 and 13:30–17:30 in Shanghai, with 2026's Spring Festival, Mid-Autumn and National Day.</summary>
    public static WorkingCalendar China2026() => WorkingCalendar.Create(new CalendarDefinition
    {
        Name = "china-2026",
        TimeZone = Shanghai,
        Exceptions =
        [
            .. DaysOff("2026-02-15", "2026-02-23", "春节"),
            new(Date("2026-02-14"), true, "春节调休上班"),
            new(Date("2026-02-28"), true, "春节调休上班"),
            .. DaysOff("2026-09-25", "2026-09-27", "中秋节"),
            .. DaysOff("2026-10-01", "2026-10-07", "国庆节"),
            new(Date("2026-09-20"), true, "国庆节调休上班"),
            new(Date("2026-10-10"), true, "国庆节调休上班"),
        ],
        ScheduledYears = [2026],
    }, "UTC");

    /// <summary>Mon–Fri, 08:00–12:00 and 13:00–17:00 in Berlin, plus Saturday 2026-03-28 as a working day.</summary>
    public static WorkingCalendar Berlin() => WorkingCalendar.Create(new CalendarDefinition
    {
        Name = "berlin",
        TimeZone = "Europe/Berlin",
        Periods = [new(new TimeOnly(8, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(17, 0))],
        Exceptions = [new(Date("2026-03-28"), true, "Inventory Saturday")],
    }, "UTC");

    /// <summary>Every day of the week in Berlin with the given periods: the night hours where the clocks change.</summary>
    public static WorkingCalendar BerlinEveryDay(params WorkingPeriod[] periods) => WorkingCalendar.Create(new CalendarDefinition
    {
        Name = "berlin-nights",
        TimeZone = "Europe/Berlin",
        WorkingDays = [.. Enum.GetValues<DayOfWeek>()],
        Periods = [.. periods],
    }, "UTC");

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static WorkingPeriod Period(string start, string end) =>
        new(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture));

    private static IEnumerable<CalendarDay> DaysOff(string first, string last, string name)
    {
        for (var day = Date(first); day <= Date(last); day = day.AddDays(1)) yield return new CalendarDay(day, false, name);
    }
}
