using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>The department's people, searchable by name, contact, role or group.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(StaffDirectory staff, StaffSheets sheets, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<StaffMember> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => People = await staff.ListAsync(Q, ct);

    /// <summary>The people the search finds as a workbook the staff import reads back.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct) =>
        ExcelDownload.File(await sheets.StaffAsync(Q, System.Globalization.CultureInfo.CurrentUICulture, ct), "staff", clock);
}
