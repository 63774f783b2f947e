using System.Globalization;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// A due date counted in a calendar from text a person typed (the API's <c>due</c>, the admin page's
/// preview, the designer's): the start is ISO 8601, with an offset or else read as the calendar's
/// local time; the duration an ISO 8601 duration of days, hours, minutes or seconds.
/// </summary>
public static class DuePreview
{
    /// <returns>The due instant, at the calendar zone's offset (2026-02-14T11:00:00+08:00).</returns>
    /// <exception cref="ValidationException">Naming <c>from</c> or <c>duration</c> and what is wrong with it.</exception>
    public static DateTimeOffset Compute(WorkingCalendar calendar, string? from, string? duration)
    {
        List<ValidationError> errors = [];
        var start = Start(calendar, from, errors);
        IsoDuration length = default;
        if (string.IsNullOrWhiteSpace(duration))
            errors.Add(new ValidationError("Give a duration (ISO 8601, e.g. PT4H or P1D)", "duration", "required"));
        else if (!IsoDuration.TryParse(duration.Trim(), out length))
            errors.Add(new ValidationError($"'{duration}' is not an ISO 8601 duration (e.g. PT4H, P1D, P1DT2H)", "duration", "format", Argument: duration));
        if (errors.Count > 0) throw Invalid(errors);
        try
        {
            return TimeZoneInfo.ConvertTime(calendar.Add(start!.Value, length), calendar.Zone);
        }
        catch (FormatException e)
        {
            throw Invalid([new ValidationError(e.Message, "duration", "calendar")]);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Counted past the last (or before the first) instant there is.
            throw Invalid([OutOfRange(from!)]);
        }
    }

    private static ValidationError OutOfRange(string from) =>
        new($"'{from}' is too near the calendar's first or last day to count from", "from", "out-of-range", Argument: from);

    private static DateTimeOffset? Start(WorkingCalendar calendar, string? from, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            errors.Add(new ValidationError("Give the start (ISO 8601, e.g. 2026-02-13T16:00:00+08:00)", "from", "required"));
            return null;
        }
        var text = from.Trim();
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) && parsed.Kind == DateTimeKind.Unspecified
            && text.Contains('T', StringComparison.Ordinal))
        {
            // No offset: the calendar's local time, as a person reading the calendar means it.
            var offset = calendar.Zone.GetUtcOffset(parsed);
            if (parsed.Ticks - offset.Ticks is var utc && utc >= DateTimeOffset.MinValue.Ticks && utc <= DateTimeOffset.MaxValue.Ticks)
                return new DateTimeOffset(parsed, offset);
            errors.Add(OutOfRange(from));
            return null;
        }
        if (text.Contains('T', StringComparison.Ordinal) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var instant)) return instant;
        errors.Add(new ValidationError($"'{from}' is not an ISO 8601 date and time (e.g. 2026-02-13T16:00:00+08:00)", "from", "format", Argument: from));
        return null;
    }

    private static ValidationException Invalid(List<ValidationError> errors) =>
        new($"The due date cannot be counted: {string.Join("; ", errors.Select(e => e.Message))}", errors);
}
