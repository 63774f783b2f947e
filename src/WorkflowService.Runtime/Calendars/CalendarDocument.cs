using System.Globalization;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// A calendar in its JSON form, as the API and the admin page exchange it:
/// <c>{"name","timeZone","workingDays":["monday",..],"periods":[{"start":"08:30","end":"12:00"}],
/// "exceptions":[{"date":"2026-02-15","working":false,"name":"春节"}],"scheduledYears":[2025,2026]}</c>.
/// Everything is text so that a value that does not read is refused naming its field
/// (<c>periods[1].start</c>), rather than failing the whole body.
/// </summary>
public sealed record CalendarDocument
{
    public string? Name { get; init; }
    public string? TimeZone { get; init; }
    public List<string>? WorkingDays { get; init; }
    public List<PeriodDocument>? Periods { get; init; }
    public List<ExceptionDocument>? Exceptions { get; init; }
    public List<int>? ScheduledYears { get; init; }

    public static CalendarDocument From(CalendarDefinition d) => new()
    {
        Name = d.Name,
        TimeZone = d.TimeZone,
        // Monday first, as a week is read in China (and ISO 8601).
        WorkingDays = [.. d.WorkingDays.OrderBy(day => ((int)day + 6) % 7).Select(day => day.ToString().ToLowerInvariant())],
        Periods = [.. d.Periods.Select(p => new PeriodDocument(Time(p.Start), Time(p.End)))],
        Exceptions = [.. d.Exceptions.OrderBy(e => e.Date).Select(e =>
            new ExceptionDocument(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Working, e.Name))],
        ScheduledYears = [.. d.ScheduledYears.Order()],
    };

    /// <summary>
    /// The definition named <paramref name="name"/> (the body's own name, if any, must be the same),
    /// or every field that does not read. A missing list keeps the default (Monday to Friday,
    /// 08:30–12:00 and 13:30–17:30, no exceptions, no scheduled year). Whether the values make a
    /// valid calendar is <see cref="WorkingCalendar.Validate"/>'s to say.
    /// </summary>
    public CalendarDefinition ToDefinition(string name, out List<ValidationError> errors)
    {
        List<ValidationError> found = [];
        var definition = Read(name, found);
        errors = found;
        return definition;
    }

    private CalendarDefinition Read(string name, List<ValidationError> errors)
    {
        if (Name is { Length: > 0 } own && own != name)
            errors.Add(new ValidationError($"The body names calendar '{own}', the address '{name}'", "name", "mismatch"));
        var definition = new CalendarDefinition { Name = name, TimeZone = TimeZone is { Length: > 0 } zone ? zone : null };
        if (WorkingDays is not null)
            definition = definition with { WorkingDays = [.. WorkingDays.Select((d, i) => Day(d, $"workingDays[{i}]", errors))] };
        if (Periods is not null)
            definition = definition with
            {
                Periods = [.. Periods.Select((p, i) => new WorkingPeriod(
                    TimeOf(p?.Start, $"periods[{i}].start", errors), TimeOf(p?.End, $"periods[{i}].end", errors)))],
            };
        if (Exceptions is not null)
            definition = definition with
            {
                Exceptions = [.. Exceptions.Select((e, i) => new CalendarDay(
                    DateOf(e?.Date, $"exceptions[{i}].date", errors), e?.Working ?? false, e?.Name is { Length: > 0 } n ? n.Trim() : null))],
            };
        if (ScheduledYears is not null) definition = definition with { ScheduledYears = [.. ScheduledYears] };
        return definition;
    }

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static DayOfWeek Day(string? text, string field, List<ValidationError> errors)
    {
        if (Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && !int.TryParse(text, out _)) return day;
        errors.Add(new ValidationError($"'{text}' is not a day of the week (monday … sunday)", field, "format", Argument: text));
        return default;
    }

    private static TimeOnly TimeOf(string? text, string field, List<ValidationError> errors)
    {
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(new ValidationError($"'{text}' is not a time of day (HH:mm)", field, "format", Argument: text));
        return default;
    }

    private static DateOnly DateOf(string? text, string field, List<ValidationError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(new ValidationError($"'{text}' is not a date (yyyy-MM-dd)", field, "format", Argument: text));
        return default;
    }
}

public sealed record PeriodDocument(string? Start, string? End);

public sealed record ExceptionDocument(string? Date, bool? Working, string? Name);
