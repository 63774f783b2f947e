using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>
/// The cases behind one number of the dashboard (/reports/cases?number=…&amp;from=…&amp;to=…, days as the dashboard
/// shows them, to inclusive): exactly what the number counted, each with its order, customer, type, time and whether
/// it was on time, and a workbook of the whole list.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public sealed class CasesModel(KpiCases cases, DepartmentDay days) : PageModel
{
    /// <summary>The most rows the page shows; the workbook holds them all.</summary>
    public const int Shown = 1000;

    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public KpiNumber? Wanted { get; private set; }
    public KpiCaseList? List { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Wanted = KpiNumber.Parse(Number);
        if (Wanted is null || DashboardPeriod.Days(DashboardPeriod.Custom, From, To, days.Today) is not { } shown) return;
        (From, To) = (DashboardPeriod.Text(shown.First), DashboardPeriod.Text(shown.Last));
        List = await cases.ListAsync(Wanted, DashboardPeriod.Of(shown, days), ct);
    }

    /// <summary>The button's workbook: the whole list (the page is signed in with the cookie, the API is not).</summary>
    public async Task<IActionResult> OnGetExcelAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (List is null) return BadRequest();
        return ExcelDownload.File(ReportsApi.CasesWorkbook(List, days), "cases", clock);
    }

    public string WorkbookUrl =>
        $"/reports/cases?number={Uri.EscapeDataString(Wanted!.ToString())}&from={From}&to={To}&handler={ExcelDownload.Handler}";
}
