using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// The department's KPIs for a period (README "Reports: what each number means"). Each rate is the on-time count over
/// the count beside it, 0–1; a rate with no case in the period is null and written as such (not left out), as is the
/// satisfaction average with no answer.
/// </summary>
public sealed record KpisDto(
    DateTimeOffset From, DateTimeOffset To,
    int Calls, int CallsAnsweredInTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ThreeRingRate,
    int Requests, int AcceptedOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AcceptanceOnTimeRate,
    int Repairs, int RepairsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RepairOnTimeRate,
    int FollowUps, int FollowUpsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? FollowUpOnTimeRate,
    int Slips, int SlipsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SatisfactionAverage,
    int Complaints, IReadOnlyDictionary<string, int> BreachesByRule)
{
    public static KpisDto Of(KpiFigures f) => new(f.From, f.To, f.Calls, f.CallsAnsweredInTime, f.ThreeRingRate,
        f.Requests, f.AcceptedOnTime, f.AcceptanceOnTimeRate, f.Repairs, f.RepairsOnTime, f.RepairOnTimeRate,
        f.FollowUps, f.FollowUpsOnTime, f.FollowUpOnTimeRate, f.Slips, f.SlipsOnTime, f.SatisfactionAverage,
        f.Complaints, f.BreachesByRule);
}

public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/kpis", KpisAsync).WithTags("Reports")
            .RequireAuthorization(Policies.Reports).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("The KPIs of a period: from and to are dates (yyyy-MM-dd, to inclusive) or ISO instants; default this month " +
                         "(managers, the deputy manager, the general manager, admins)");
        app.MapPeriodReportsApi();
        // The dashboard's further figures and the lists behind every number: separate answers, so that the KPI call
        // stays the handful of counts it is.
        var reports = app.MapGroup("/api/reports").WithTags("Reports")
            .RequireAuthorization(Policies.Reports).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status400BadRequest);
        reports.MapGet("/kpis.xlsx", KpisWorkbookAsync).ProducesWorkbook()
            .WithSummary("The KPI table of a period (from, to as for /api/reports/kpis) as an .xlsx workbook, with Chinese headers in zh-CN");
        reports.MapGet("/dashboard", DashboardAsync)
            .WithSummary("The dashboard's figures beside the KPIs for a period: first-time fixes, satisfaction by score, complaints by cause, " +
                         "orders open at the period's end by age, breaches by person charged");
        reports.MapGet("/cases", CasesAsync)
            .WithSummary("The cases a dashboard number counted in a period (number=repairs, first-time-fixes, satisfaction:4, cause:fees, " +
                         "age:3-7d, rule:repair-turnaround, person:wang, …); count is the number");
        reports.MapGet("/cases.xlsx", CasesWorkbookAsync).ProducesWorkbook()
            .WithSummary("The cases a dashboard number counted in a period as an .xlsx workbook, with Chinese headers in zh-CN");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> KpisWorkbookAsync(KpiReport report, DepartmentDay days,
        TimeProvider clock, string? from, string? to, CancellationToken ct)
    {
        var (period, field, error) = KpiPeriod.Parse(from, to, days);
        if (period is null) return Problems.Invalid(field!, error!, "format");
        return SheetFiles.Workbook(KpiSheet.Kpis(await report.CountAsync(period, ct), CultureInfo.CurrentUICulture), "kpis", clock);
    }

    private static async Task<Results<Ok<DashboardFigures>, ProblemHttpResult>> DashboardAsync(DashboardReport report, DepartmentDay days,
        string? from, string? to, CancellationToken ct)
    {
        var (period, field, error) = KpiPeriod.Parse(from, to, days);
        if (period is null) return Problems.Invalid(field!, error!, "format");
        return TypedResults.Ok(await report.CountAsync(period, ct));
    }

    private static async Task<Results<Ok<KpiCaseList>, ProblemHttpResult>> CasesAsync(KpiCases cases, DepartmentDay days,
        string? number, string? from, string? to, CancellationToken ct)
    {
        var (wanted, period, refusal) = Read(number, from, to, days);
        if (refusal is not null) return refusal;
        return TypedResults.Ok(await cases.ListAsync(wanted!, period!, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CasesWorkbookAsync(KpiCases cases, DepartmentDay days,
        TimeProvider clock, string? number, string? from, string? to, CancellationToken ct)
    {
        var (wanted, period, refusal) = Read(number, from, to, days);
        if (refusal is not null) return refusal;
        return SheetFiles.Workbook(CasesWorkbook(await cases.ListAsync(wanted!, period!, ct), days), "cases", clock);
    }

    /// <summary>A number's cases as a workbook in the reader's language (the API's download and the page's button).</summary>
    internal static byte[] CasesWorkbook(KpiCaseList list, DepartmentDay days) =>
        KpiSheet.Cases(list, CultureInfo.CurrentUICulture, t => LocalTime(t, days));

    /// <summary>A time as the department reads it, yyyy-MM-dd HH:mm in its zone.</summary>
    internal static string LocalTime(DateTimeOffset at, DepartmentDay days) =>
        TimeZoneInfo.ConvertTime(at, days.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static (KpiNumber? Number, KpiPeriod? Period, ProblemHttpResult? Refusal) Read(string? number, string? from, string? to, DepartmentDay days)
    {
        if (KpiNumber.Parse(number) is not { } wanted)
            return (null, null, Problems.Invalid("number", $"number '{number}' is not a number of the dashboard: one of " +
                string.Join(", ", KpiNumber.Plain) + ", or " + string.Join(", ", KpiNumber.WithValue.Select(n => n + ":<value>")), "enum"));
        var (period, field, error) = KpiPeriod.Parse(from, to, days);
        return period is null ? (null, null, Problems.Invalid(field!, error!, "format")) : (wanted, period, null);
    }

    private static async Task<Results<Ok<KpisDto>, ProblemHttpResult>> KpisAsync(KpiReport report, DepartmentDay days,
        string? from, string? to, CancellationToken ct)
    {
        var (period, field, error) = KpiPeriod.Parse(from, to, days);
        if (period is null) return Problems.Invalid(field!, error!, "format");
        return TypedResults.Ok(KpisDto.Of(await report.CountAsync(period, ct)));
    }
}
