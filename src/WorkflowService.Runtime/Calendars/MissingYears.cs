using WorkflowService.Engine.Calendars;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// Which years a calendar should have the official schedule of by now: this year, and from
/// 1 December next year too (the State Council publishes it in November; timers set in December
/// already reach into January). "Now" is the calendar's own date.
/// </summary>
public static class MissingYears
{
    public static IReadOnlyList<int> Due(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone);
        return today.Month == 12 ? [today.Year, today.Year + 1] : [today.Year];
    }

    /// <summary>The years of <see cref="Due"/> whose schedule <paramref name="calendar"/> lacks, in order.</summary>
    public static IReadOnlyList<int> Of(WorkingCalendar calendar, DateTimeOffset now) =>
        [.. Due(now, calendar.Zone).Where(y => !calendar.HasSchedule(y))];

    /// <summary>For a stored definition that may not be usable here (its zone unknown): the fallback zone decides the date.</summary>
    public static IReadOnlyList<int> Of(CalendarDefinition definition, DateTimeOffset now, string fallbackTimeZone)
    {
        var zoneId = definition.TimeZone ?? fallbackTimeZone;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.FindSystemTimeZoneById(fallbackTimeZone);
        return [.. Due(now, zone).Where(y => !definition.ScheduledYears.Contains(y))];
    }
}
