using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;

namespace WorkflowService.Web.Pages.Admin;

/// <summary>The audit log of staff and group changes, newest first; narrowed to one person or <c>group:name</c>.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(StaffDirectory staff, StaffSheets sheets, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        Entries = await staff.AuditAsync(Target, Skip, PageSize, ct);
    }

    /// <summary>The log of the page's target as a workbook: every entry, newest first, up to the workbook's cap.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct) =>
        ExcelDownload.File(await sheets.AuditAsync(Target, System.Globalization.CultureInfo.CurrentUICulture, ct), "audit", clock);

    public string PageUrl(int skip) =>
        Url.Page("/Admin/Audit", new { target = string.IsNullOrWhiteSpace(Target) ? null : Target, skip = skip > 0 ? skip : (int?)null })
        ?? "/admin/audit";
}
