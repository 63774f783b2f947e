using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Export;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Runtime.Sheets;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// The monthly summary's and the weekly quality feedback's workbooks (the ones the mails carry or link to), for
/// the report readers (<see cref="Policies.Reports"/>); Chinese headers and sheet names for a zh-CN reader.
/// </summary>
public static class PeriodReportsApi
{
    public static void MapPeriodReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports")
            .RequireAuthorization(Policies.Reports)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        reports.MapGet("/monthly.xlsx", MonthlyAsync).ProducesWorkbook()
            .WithSummary("The monthly summary of a month (month=2026-11; this month without it) as an .xlsx workbook: a sheet of the " +
                         "month's orders (status, responsible, closed, on time or late by rule) and the KPI table, Chinese headers in zh-CN");
        reports.MapGet("/weekly.xlsx", WeeklyAsync).ProducesWorkbook()
            .WithSummary("The weekly quality feedback of an ISO week (week=2026-W48; this week without it) as an .xlsx workbook: faults " +
                         "by model, repeat repairs, requests by type and complaints, a sheet each, Chinese headers in zh-CN");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> MonthlyAsync(string? month, MonthlySummaryWorkbook workbook,
        KpiReport kpis, DepartmentDay days, CancellationToken ct)
    {
        var wanted = string.IsNullOrWhiteSpace(month) ? ReportMonth.Of(days.Today) : ReportMonth.Parse(month);
        if (wanted is not { } m)
            return Problems.Invalid("month", $"month '{month}' is not a month: write the year and the month, e.g. 2026-11", "format");
        var (stream, name) = await MonthlyFileAsync(m, workbook, kpis, days, ct);
        return TypedResults.File(stream, SheetWriter.ContentType, name);
    }

    /// <summary>The monthly summary's workbook in the reader's language (the API's download and the dashboard's button).</summary>
    internal static async Task<(Stream Content, string FileName)> MonthlyFileAsync(ReportMonth m, MonthlySummaryWorkbook workbook,
        KpiReport kpis, DepartmentDay days, CancellationToken ct)
    {
        var zh = ListSheet.IsChinese(CultureInfo.CurrentUICulture);
        var figures = await kpis.CountAsync(new KpiPeriod(days.StartOf(m.First), days.StartOf(m.Last.AddDays(1))), ct);
        var stream = new MemoryStream();
        await workbook.WriteAsync(stream, m, figures, zh, ct);
        stream.Position = 0;
        return (stream, MonthlySummaryWorkbook.FileName(m, zh));
    }

    /// <summary>The weekly quality feedback's workbook in the reader's language (the API's download and the dashboard's button).</summary>
    internal static async Task<(byte[] Content, string FileName)> WeeklyFileAsync(IsoWeek w, WeeklyQualityBuilder builder, CancellationToken ct)
    {
        var zh = ListSheet.IsChinese(CultureInfo.CurrentUICulture);
        return (WeeklyQualitySheet.Write(await builder.BuildAsync(w, ct), zh), zh ? $"每周品质反馈-{w}.xlsx" : $"weekly-quality-{w}.xlsx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WeeklyAsync(string? week, WeeklyQualityBuilder builder,
        DepartmentDay days, CancellationToken ct)
    {
        var wanted = string.IsNullOrWhiteSpace(week) ? IsoWeek.Of(days.Today) : IsoWeek.Parse(week);
        if (wanted is not { } w)
            return Problems.Invalid("week", $"week '{week}' is not an ISO week: write the year, W and the week, e.g. 2026-W48", "format");
        var (bytes, name) = await WeeklyFileAsync(w, builder, ct);
        return TypedResults.File(bytes, SheetWriter.ContentType, name);
    }
}
