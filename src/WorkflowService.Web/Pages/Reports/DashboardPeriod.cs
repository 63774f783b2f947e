using System.Globalization;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>
/// The dashboard's period picker: today, this week (from Monday), this month, this quarter, or from–to (the department's
/// days, to inclusive). A "this …" period runs to today: the days after it have nothing to count yet.
/// </summary>
public static class DashboardPeriod
{
    public const string Today = "today";
    public const string Week = "week";
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Custom = "custom";

    /// <summary>The picker's choices in the order shown; <see cref="Month"/> is the default, as in the KPI API.</summary>
    public static readonly IReadOnlyList<string> Choices = [Today, Week, Month, Quarter, Custom];

    /// <summary>The first and last day of <paramref name="choice"/> (or of from–to); null when a day does not read.</summary>
    public static (DateOnly First, DateOnly Last)? Days(string choice, string? from, string? to, DateOnly today) => choice switch
    {
        Today => (today, today),
        Week => (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
        Quarter => (new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), today),
        Custom => Read(from) is { } f && Read(to) is { } t && f <= t ? (f, t) : null,
        _ => (new DateOnly(today.Year, today.Month, 1), today),
    };

    /// <summary>The KPI period of those days: from the first's start to the start of the day after the last.</summary>
    public static KpiPeriod Of((DateOnly First, DateOnly Last) days, DepartmentDay department) =>
        new(department.StartOf(days.First), department.StartOf(days.Last.AddDays(1)));

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Read(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && day < DateOnly.MaxValue && day > DateOnly.MinValue ? day : null;
}
