using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Groups;

/// <summary>The groups (the departments and teams the processes offer tasks to), and a form to add one.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(GroupAdministration groups, StaffSheets sheets, TimeProvider clock, T t) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DisplayName { get; set; }

    public IReadOnlyList<GroupView> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Groups = await groups.ListAsync(ct);

    /// <summary>The groups with their members as a workbook.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct) =>
        ExcelDownload.File(await sheets.GroupsAsync(System.Globalization.CultureInfo.CurrentUICulture, ct), "groups", clock);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Groups = await groups.ListAsync(ct);
        var name = Name?.Trim();
        // Setting the members of a group that exists would replace them: adding is for new names only.
        if (name is not null && Groups.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("name", $"A group named '{name}' already exists");
            return Page();
        }
        try
        {
            await groups.SetMembersAsync(User.Identity!.Name!, name ?? "", [], DisplayName, ct);
            return Redirect($"/admin/groups/{Uri.EscapeDataString(name!)}");
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            ModelState.Show(refused, t);
            return Page();
        }
    }
}
