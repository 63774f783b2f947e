using System.Globalization;

namespace WorkflowService.Engine.Calendars;

/// <summary>
/// What makes a calendar definition unusable, each problem prefixed with where it is in the JSON form
/// (<c>periods[1]</c>, <c>exceptions[3]</c>) so the page and the API can point at the field.
/// </summary>
internal static class CalendarValidation
{
    public static IReadOnlyList<string> Problems(CalendarDefinition definition, string fallbackTimeZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Name)) problems.Add("name: the calendar has no name");

        var zoneId = definition.TimeZone ?? fallbackTimeZone;
        if (string.IsNullOrWhiteSpace(zoneId))
            problems.Add("timeZone: no time zone is given (expected an IANA id such as Asia/Shanghai)");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
            problems.Add($"timeZone: '{zoneId}' is not a known time zone (expected an IANA id such as Asia/Shanghai)");

        var workingDays = definition.WorkingDays.IsDefault ? [] : definition.WorkingDays;
        CheckWorkingDays(workingDays, problems);
        CheckPeriods(definition.Periods.IsDefault ? [] : definition.Periods, problems);
        CheckExceptions(definition.Exceptions.IsDefault ? [] : definition.Exceptions, workingDays, problems);
        CheckScheduledYears(definition.ScheduledYears.IsDefault ? [] : definition.ScheduledYears, problems);
        return problems;
    }

    private static void CheckWorkingDays(IReadOnlyList<DayOfWeek> days, List<string> problems)
    {
        if (days.Count == 0)
            problems.Add("workingDays: the calendar has no working days of the week; a calendar needs at least one (e.g. Monday to Friday)");
        var seen = new HashSet<DayOfWeek>();
        for (var i = 0; i < days.Count; i++)
        {
            if (!Enum.IsDefined(days[i])) problems.Add($"workingDays[{i}]: {(int)days[i]} is not a day of the week");
            else if (!seen.Add(days[i])) problems.Add($"workingDays[{i}]: {days[i]} is listed twice");
        }
    }

    private static void CheckPeriods(IReadOnlyList<WorkingPeriod> periods, List<string> problems)
    {
        if (periods.Count == 0)
            problems.Add("periods: the calendar has no working periods; a working day needs at least one (e.g. 08:30–12:00)");
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            if (period.End == period.Start)
                problems.Add($"periods[{i}]: {Show(period)} is empty (it ends when it starts)");
            else if (period.End < period.Start)
                problems.Add($"periods[{i}]: {Show(period)} ends before it starts (a period cannot run past midnight)");
            if (i == 0) continue;
            var previous = periods[i - 1];
            if (period.Start < previous.Start)
                problems.Add($"periods[{i}]: {Show(period)} starts before periods[{i - 1}] ({Show(previous)}); list the periods in the order of the day");
            else if (period.Start < previous.End)
                problems.Add($"periods[{i}]: {Show(period)} overlaps periods[{i - 1}] ({Show(previous)})");
        }
    }

    private static void CheckExceptions(IReadOnlyList<CalendarDay> exceptions, IReadOnlyList<DayOfWeek> workingDays, List<string> problems)
    {
        var firstIndex = new Dictionary<DateOnly, int>();
        for (var i = 0; i < exceptions.Count; i++)
        {
            var day = exceptions[i];
            var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var named = string.IsNullOrWhiteSpace(day.Name) ? "" : $" ({day.Name})";
            if (!firstIndex.TryAdd(day.Date, i))
                problems.Add($"exceptions[{i}]: {date}{named} is listed twice (also exceptions[{firstIndex[day.Date]}])");
            else if (day.Working && workingDays.Contains(day.Date.DayOfWeek))
                problems.Add($"exceptions[{i}]: {date}{named} is a make-up working day on a {day.Date.DayOfWeek}, which is a working day already");
        }
    }

    private static void CheckScheduledYears(IReadOnlyList<int> years, List<string> problems)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < years.Count; i++)
        {
            if (years[i] is < 1 or > 9999) problems.Add($"scheduledYears[{i}]: {years[i]} is not a year between 1 and 9999");
            else if (!seen.Add(years[i])) problems.Add($"scheduledYears[{i}]: {years[i]} is listed twice");
        }
    }

    private static string Show(WorkingPeriod period) =>
        $"{Time(period.Start)}–{Time(period.End)}";

    internal static string Time(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
