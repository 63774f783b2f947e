using System.Globalization;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>The period a KPI report counts: [<see cref="From"/>, <see cref="To"/>), instants with the department's offset.</summary>
public sealed record KpiPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// Reads <c>from</c> and <c>to</c>: a date (<c>yyyy-MM-dd</c>, a day of the department's zone; <c>to</c> counts that
    /// whole day) or an ISO 8601 instant with its offset (<c>to</c> itself is not in the period). Either missing: this
    /// month's first day, or the day after today. Answers the refused field and why when a value does not read or the
    /// period is empty.
    /// </summary>
    public static (KpiPeriod? Period, string? Field, string? Error) Parse(string? from, string? to, DepartmentDay days)
    {
        var today = days.Today;
        DateTimeOffset start, end;
        if (string.IsNullOrWhiteSpace(from)) start = days.StartOf(new DateOnly(today.Year, today.Month, 1));
        else if (Read(from, days, endOfDay: false) is { } f) start = f;
        else return (null, "from", $"from '{from}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant with an offset");
        if (string.IsNullOrWhiteSpace(to)) end = days.StartOf(today.AddDays(1));
        else if (Read(to, days, endOfDay: true) is { } t) end = t;
        else return (null, "to", $"to '{to}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant with an offset");
        if (end <= start) return (null, "to", $"to ({end:O}) must come after from ({start:O})");
        return (new KpiPeriod(start, end), null, null);
    }

    /// <summary>
    /// One bound read alone (a list's filter, where the other may be missing): a date's first instant, or with
    /// <paramref name="endOfDay"/> the next day's; an ISO instant as it is; null when it does not read.
    /// </summary>
    public static DateTimeOffset? ReadBound(string text, DepartmentDay days, bool endOfDay) => Read(text, days, endOfDay);

    private static DateTimeOffset? Read(string text, DepartmentDay days, bool endOfDay)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (endOfDay && date == DateOnly.MaxValue) return null;
            // 0001-01-01 in a zone east of UTC begins before the first instant there is: StartOf answers that instant, which
            // is no day's start, so the bound does not read.
            var bound = days.StartOf(endOfDay ? date.AddDays(1) : date);
            return bound == DateTimeOffset.MinValue || bound == DateTimeOffset.MaxValue ? null : bound;
        }
        // An instant must say its offset: a bare local time would be read in the server's zone.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && text.Contains('T', StringComparison.OrdinalIgnoreCase)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : null;
    }
}
