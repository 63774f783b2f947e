using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>The engineers' ledger of a quarter on a page, with the quarters to pick from and the same ledger as Excel.</summary>
[Authorize(Policy = Policies.Reports)]
public sealed class EngineersModel(EngineersLedger ledger, DepartmentDay days) : PageModel
{
    /// <summary>How many quarters back the picker offers (two years); any other is reached by its address.</summary>
    public const int QuartersOffered = 8;

    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }

    public LedgerReport? Report { get; private set; }
    public IReadOnlyList<string> Quarters { get; private set; } = [];
    public bool Unreadable { get; private set; }

    /// <summary>The ledger of the quarter as a workbook (the page is signed in with the cookie, the API is not).</summary>
    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        if (LedgerApi.Read(Quarter, days) is not { } wanted) return BadRequest();
        var bytes = LedgerSheet.Write(await ledger.ForAsync(wanted, ct), System.Globalization.CultureInfo.CurrentUICulture);
        return File(bytes, Runtime.Sheets.SheetWriter.ContentType, $"engineers-{wanted}.xlsx");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = AfterSales.Reports.Ledger.Quarter.Of(days.Today);
        Quarters = Enumerable.Range(0, QuartersOffered)
            .Select(back => AfterSales.Reports.Ledger.Quarter.Of(current.FirstDay.AddMonths(-3 * back)).ToString()).ToList();
        if (LedgerApi.Read(Quarter, days) is not { } wanted)
        {
            Unreadable = true;
            return;
        }
        Quarter = wanted.ToString();
        if (!Quarters.Contains(Quarter)) Quarters = [Quarter, .. Quarters];
        Report = await ledger.ForAsync(wanted, ct);
    }
}
