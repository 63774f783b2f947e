using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>The department's people, searchable by name, contact, role or group.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(StaffDirectory staff) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<StaffMember> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => People = await staff.ListAsync(Q, ct);
}
