using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Runtime.Sheets;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>The engineers' ledger of a quarter, as JSON and as an Excel workbook (managers, deputy and general managers, admins).</summary>
public static class LedgerApi
{
    public static void MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports")
            .RequireAuthorization(Policies.Reports)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        reports.MapGet("/engineers", LedgerAsync)
            .WithSummary("The engineers' ledger of a quarter (quarter=2026Q4; the current one without it): per engineer jobs, valid jobs, subsidy, late slips, breaches and fines; per agent calls answered, missed calls and follow-ups on time");
        reports.MapGet("/engineers.xlsx", WorkbookAsync).ProducesWorkbook()
            .WithSummary("The engineers' ledger of a quarter as an .xlsx workbook, a sheet of engineers and one of agents, with Chinese headers in zh-CN");
    }

    private static async Task<Results<Ok<LedgerReport>, ProblemHttpResult>> LedgerAsync(string? quarter, EngineersLedger ledger,
        DepartmentDay days, CancellationToken ct)
    {
        if (Read(quarter, days) is not { } wanted) return Refusal(quarter);
        return TypedResults.Ok(await ledger.ForAsync(wanted, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(string? quarter, EngineersLedger ledger,
        DepartmentDay days, CancellationToken ct)
    {
        if (Read(quarter, days) is not { } wanted) return Refusal(quarter);
        var bytes = LedgerSheet.Write(await ledger.ForAsync(wanted, ct), CultureInfo.CurrentUICulture);
        return TypedResults.File(bytes, SheetWriter.ContentType, $"engineers-{wanted}.xlsx");
    }

    /// <summary>The quarter asked for, the department's current one when none was; null when it does not read.</summary>
    internal static Quarter? Read(string? quarter, DepartmentDay days)
    {
        if (string.IsNullOrWhiteSpace(quarter)) return Quarter.Of(days.Today);
        return Quarter.TryParse(quarter, out var wanted) ? wanted : null;
    }

    private static ProblemHttpResult Refusal(string? quarter) =>
        Problems.Invalid("quarter", $"quarter '{quarter}' is not a quarter: write the year and the quarter, e.g. 2026Q4", "format");
}
