using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Export;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Orders;

/// <summary>Work orders, newest first, by type, the department's days from/to, and customer.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(WorkOrderDesk desk, CustomerArchive archive, IAuthorizationService authorization, RecordSheets sheets,
    TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CustomerId { get; set; }

    public string? CustomerName { get; private set; }
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];
    public bool CanOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanOpen = (await authorization.AuthorizeAsync(User, Policies.Desk)).Succeeded;
        if (OrderType.Find(Type) is null) Type = null;
        if (CustomerId is { } id)
        {
            try
            {
                CustomerName = (await archive.GetAsync(id, ct)).Name;
            }
            catch (NotFoundException)
            {
                CustomerId = null;
            }
        }
        Orders = await desk.ListAsync(CustomerId, Type, From, To, 0, PageSize, ct: ct);
    }

    /// <summary>The orders the page lists, under its filters, as a workbook (all of them up to the workbook's cap, not one page).</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct)
    {
        if (OrderType.Find(Type) is null) Type = null;
        return ExcelDownload.File(await sheets.OrdersAsync(CustomerId, Type, From, To, System.Globalization.CultureInfo.CurrentUICulture, ct),
            "orders", clock);
    }
}
