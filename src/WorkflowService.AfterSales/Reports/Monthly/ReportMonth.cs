using System.Globalization;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>A calendar month of the department's days (<c>2026-11</c>).</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);
    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month before the one <paramref name="today"/> is in: the one a report on the 1st speaks of.</summary>
    public static ReportMonth Before(DateOnly today) => Of(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));

    /// <summary>Reads <c>yyyy-MM</c>, of a year from 2 to 9998 (a month at the calendar's edge has no day around it to count from).</summary>
    public static ReportMonth? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year is > 1 and < 9999
            ? Of(date) : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
