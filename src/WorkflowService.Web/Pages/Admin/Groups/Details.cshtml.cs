using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Groups;

/// <summary>One group: its members (set as a whole, by ticking people) and the open tasks it is offered.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DetailsModel(GroupAdministration groups, StaffDirectory staff, T t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";

    public GroupDetails Group { get; private set; } = null!;
    public IReadOnlyList<StaffMember> Everyone { get; private set; } = [];

    /// <summary>The members as ticked: the group's, or what was posted when the change was refused.</summary>
    public IReadOnlySet<string> Ticked { get; private set; } = new HashSet<string>();

    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Ticked = Group.Members.Select(m => m.UserName).ToHashSet(StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(List<string>? userNames, string? displayName, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await groups.GetAsync(Name, ct); // only a group that exists: a typo in the address must not create one
            await groups.SetMembersAsync(User.Identity!.Name!, Name, userNames ?? [], displayName, ct);
            Notice = "Groups.Saved";
            return Redirect($"/admin/groups/{Uri.EscapeDataString(Name)}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            ModelState.Show(refused, t);
            await LoadAsync(ct);
            Ticked = (userNames ?? []).ToHashSet(StringComparer.Ordinal);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Group = await groups.GetAsync(Name, ct);
        Everyone = await staff.ListAsync(null, ct);
    }
}
