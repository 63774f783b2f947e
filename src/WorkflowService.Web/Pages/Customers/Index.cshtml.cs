using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Export;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Customers;

/// <summary>
/// Finding a customer the way a caller is recognised: a fragment of the name, or some digits of a phone number.
/// Without a query the first customers by name.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(CustomerArchive archive, IAuthorizationService authorization, RecordSheets sheets, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<CustomerSummary> Customers { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.Desk)).Succeeded;
        Customers = await archive.SearchAsync(Q, ct);
    }

    /// <summary>
    /// Every device (there is no device list page) whose model or serial contains a text, in or out of warranty today
    /// (warranty=in|out; anything else: all), as a workbook: the page's device form asks for it.
    /// </summary>
    public async Task<FileContentResult> OnGetDevicesAsync(string? model, string? serial, string? warranty, CancellationToken ct)
    {
        var filter = warranty switch { "in" => WarrantyFilter.In, "out" => WarrantyFilter.Out, _ => WarrantyFilter.All };
        return ExcelDownload.File(await sheets.DevicesAsync(model, serial, null, filter, System.Globalization.CultureInfo.CurrentUICulture, ct),
            "devices", clock);
    }

    /// <summary>The customers the search finds, one row per device, as a workbook that imports back.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct) =>
        ExcelDownload.File(await sheets.CustomersAsync(Q, System.Globalization.CultureInfo.CurrentUICulture, ct), "customers", clock);
}
