using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>Adds a person with a first password, which they must change at their first sign-in.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class NewModel(StaffDirectory staff, GroupAdministration groups, T t) : PageModel
{
    public StaffForm Form { get; } = new();
    [BindProperty] public string? Password { get; set; }

    public IReadOnlyList<GroupView> AllGroups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => AllGroups = await groups.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The fields come unprefixed (userName, roles, ...), as the runtime names them; the runtime checks them.
        await TryUpdateModelAsync(Form, name: "");
        ModelState.Clear();
        try
        {
            var created = await staff.CreateAsync(User.Identity!.Name!, Form.ToProfile(), Password, mustChangePassword: true, ct);
            TempData[EditModel.NoticeKey] = "Staff.Created";
            return Redirect($"/admin/staff/{Uri.EscapeDataString(created.UserName)}");
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            ModelState.Show(refused, t);
            AllGroups = await groups.ListAsync(ct);
            return Page();
        }
    }
}
