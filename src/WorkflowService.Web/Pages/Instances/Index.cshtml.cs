using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;

namespace WorkflowService.Web.Pages.Instances;

/// <summary>Process instances, newest first, filtered by process and status.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(InstanceService instances, DefinitionCatalog catalog, CallerFactory callers, TaskSheets sheets,
    TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Process { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }

    public IReadOnlyList<DefinitionSummary> Processes { get; private set; } = [];
    public IReadOnlyList<InstanceHeader> Instances { get; private set; } = [];
    public static IEnumerable<string> Statuses => InstanceStatus.All.Select(s => s.Name);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        if (Status is { Length: > 0 } && !Statuses.Contains(Status)) Status = null;
        Processes = await catalog.ListLatestAsync(ct);
        Instances = await instances.ListAsync(Process, Status, Skip, PageSize, await callers.GetAsync(User, ct), ct);
        return Page();
    }

    /// <summary>The instances under the page's filters as a workbook: every page of them, up to the workbook's cap.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct)
    {
        if (Status is { Length: > 0 } && !Statuses.Contains(Status)) Status = null;
        var bytes = await sheets.InstancesAsync(await callers.GetAsync(User, ct), Process, Status,
            System.Globalization.CultureInfo.CurrentUICulture, ct);
        return ExcelDownload.File(bytes, "instances", clock);
    }

    public string PageUrl(int skip) =>
        Url.Page("/Instances/Index", new { Process, Status, Skip = skip > 0 ? skip : (int?)null }) ?? "/instances";
}
