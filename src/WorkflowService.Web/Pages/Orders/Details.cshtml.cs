using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Orders;

/// <summary>
/// A work order as the desk reads it: its number (what the customer is told), customer, devices, where its
/// process stands, who has it now, and the timeline of steps and breaches.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailsModel(WorkOrderDesk desk) : PageModel
{
    public OrderDetails Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        try
        {
            Order = await desk.GetAsync(number, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
