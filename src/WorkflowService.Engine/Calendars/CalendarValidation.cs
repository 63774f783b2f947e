using System.Globalization;

namespace WorkflowService.Engine.Calendars;

/// <summary>
/// One thing that makes a calendar definition unusable: where it is in the JSON form (<c>periods[1]</c>,
/// <c>exceptions[3]</c>) so the page and the API can point at the field, a stable code, the value it names, and what is
/// wrong in English; <see cref="ToString"/> is "path: what".
/// </summary>
public sealed record CalendarProblem(string Path, string Code, string What, string? Argument = null)
{
    public override string ToString() => $"{Path}: {What}";
}

/// <summary>What makes a calendar definition unusable (<see cref="CalendarProblem"/>s, every one, not only the first).</summary>
internal static class CalendarValidation
{
    public static IReadOnlyList<CalendarProblem> Problems(CalendarDefinition definition, string fallbackTimeZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<CalendarProblem>();
        if (string.IsNullOrWhiteSpace(definition.Name)) problems.Add(new("name", "required", "the calendar has no name"));

        var zoneId = definition.TimeZone ?? fallbackTimeZone;
        if (string.IsNullOrWhiteSpace(zoneId))
            problems.Add(new("timeZone", "required", "no time zone is given (expected an IANA id such as Asia/Shanghai)"));
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
            problems.Add(new("timeZone", "unknown", $"'{zoneId}' is not a known time zone (expected an IANA id such as Asia/Shanghai)", zoneId));

        var workingDays = definition.WorkingDays.IsDefault ? [] : definition.WorkingDays;
        CheckWorkingDays(workingDays, problems);
        CheckPeriods(definition.Periods.IsDefault ? [] : definition.Periods, problems);
        CheckExceptions(definition.Exceptions.IsDefault ? [] : definition.Exceptions, workingDays, problems);
        CheckScheduledYears(definition.ScheduledYears.IsDefault ? [] : definition.ScheduledYears, problems);
        return problems;
    }

    private static void CheckWorkingDays(IReadOnlyList<DayOfWeek> days, List<CalendarProblem> problems)
    {
        if (days.Count == 0)
            problems.Add(new("workingDays", "required",
                "the calendar has no working days of the week; a calendar needs at least one (e.g. Monday to Friday)"));
        var seen = new HashSet<DayOfWeek>();
        for (var i = 0; i < days.Count; i++)
        {
            if (!Enum.IsDefined(days[i])) problems.Add(new($"workingDays[{i}]", "format", $"{(int)days[i]} is not a day of the week", $"{(int)days[i]}"));
            else if (!seen.Add(days[i])) problems.Add(new($"workingDays[{i}]", "repeated", $"{days[i]} is listed twice", $"{days[i]}"));
        }
    }

    private static void CheckPeriods(IReadOnlyList<WorkingPeriod> periods, List<CalendarProblem> problems)
    {
        if (periods.Count == 0)
            problems.Add(new("periods", "required", "the calendar has no working periods; a working day needs at least one (e.g. 08:30–12:00)"));
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            var path = $"periods[{i}]";
            if (period.End == period.Start)
                problems.Add(new(path, "empty", $"{Show(period)} is empty (it ends when it starts)", Show(period)));
            else if (period.End < period.Start)
                problems.Add(new(path, "ends-before-start", $"{Show(period)} ends before it starts (a period cannot run past midnight)", Show(period)));
            if (i == 0) continue;
            var previous = periods[i - 1];
            if (period.Start < previous.Start)
                problems.Add(new(path, "out-of-order",
                    $"{Show(period)} starts before periods[{i - 1}] ({Show(previous)}); list the periods in the order of the day", Show(period)));
            else if (period.Start < previous.End)
                problems.Add(new(path, "overlaps", $"{Show(period)} overlaps periods[{i - 1}] ({Show(previous)})", Show(period)));
        }
    }

    private static void CheckExceptions(IReadOnlyList<CalendarDay> exceptions, IReadOnlyList<DayOfWeek> workingDays, List<CalendarProblem> problems)
    {
        var firstIndex = new Dictionary<DateOnly, int>();
        for (var i = 0; i < exceptions.Count; i++)
        {
            var day = exceptions[i];
            var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var named = string.IsNullOrWhiteSpace(day.Name) ? "" : $" ({day.Name})";
            if (!firstIndex.TryAdd(day.Date, i))
                problems.Add(new($"exceptions[{i}]", "repeated", $"{date}{named} is listed twice (also exceptions[{firstIndex[day.Date]}])", date));
            else if (day.Working && workingDays.Contains(day.Date.DayOfWeek))
                problems.Add(new($"exceptions[{i}]", "make-up-on-working-day",
                    $"{date}{named} is a make-up working day on a {day.Date.DayOfWeek}, which is a working day already", date));
        }
    }

    private static void CheckScheduledYears(IReadOnlyList<int> years, List<CalendarProblem> problems)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < years.Count; i++)
        {
            if (years[i] is < 1 or > 9999)
                problems.Add(new($"scheduledYears[{i}]", "out-of-range", $"{years[i]} is not a year between 1 and 9999", $"{years[i]}"));
            else if (!seen.Add(years[i])) problems.Add(new($"scheduledYears[{i}]", "repeated", $"{years[i]} is listed twice", $"{years[i]}"));
        }
    }

    private static string Show(WorkingPeriod period) =>
        $"{Time(period.Start)}–{Time(period.End)}";

    internal static string Time(TimeOnly time) =>
        time == TimeOnly.MaxValue ? "24:00" : time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
