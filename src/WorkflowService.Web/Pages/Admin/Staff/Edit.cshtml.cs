using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>
/// One person: edit their details, disable or enable them, reset their password; what disabling did to
/// their tasks, what still names them alone, and their recent audit entries.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(StaffDirectory staff, GroupAdministration groups, T t) : PageModel
{
    public const string NoticeKey = "StaffNotice";
    public const int AuditShown = 20;

    [BindProperty(SupportsGet = true)] public string UserName { get; set; } = "";

    public StaffMember Member { get; private set; } = null!;
    public StaffForm Form { get; private set; } = new();
    public IReadOnlyList<GroupView> AllGroups { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    /// <summary>Tasks that went back to their groups when the person was just disabled (null: not this request).</summary>
    public IReadOnlyList<TaskView>? Released { get; private set; }

    /// <summary>Open tasks that name only this person: shown while they are disabled, for a manager to hand on.</summary>
    public IReadOnlyList<TaskView> ToHandOn { get; private set; } = [];

    /// <summary>A text key of what the last change did.</summary>
    [TempData(Key = NoticeKey)] public string? Notice { get; set; }

    /// <summary>A text key of what this request did, shown without a redirect (disabling lists the tasks it released).</summary>
    public string? JustDone { get; private set; }

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
        Form = StaffForm.From(Member);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var form = new StaffForm();
        await TryUpdateModelAsync(form, name: "");
        ModelState.Clear();
        form.UserName = null; // the address names the person; the user name never changes
        return await ChangeAsync("Staff.Saved", () => staff.UpdateAsync(Actor, UserName, form.ToProfile(), ct), form, ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await staff.DisableAsync(Actor, UserName, ct);
            await LoadAsync(ct);
            Form = StaffForm.From(Member);
            Released = outcome.Released;
            ToHandOn = outcome.ToHandOn;
            JustDone = "Staff.DisabledNotice";
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            return await RefusedAsync(refused, null, ct);
        }
    }

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ChangeAsync("Staff.EnabledNotice", () => staff.EnableAsync(Actor, UserName, ct), null, ct);

    public Task<IActionResult> OnPostResetPasswordAsync(string? password, CancellationToken ct) =>
        ChangeAsync("Staff.PasswordResetNotice", () => staff.ResetPasswordAsync(Actor, UserName, password, ct), null, ct);

    private string Actor => User.Identity!.Name!;

    /// <summary>Runs a change; on success back to the page (post, redirect, get), on a refusal the page again with the refusal and what was typed.</summary>
    private async Task<IActionResult> ChangeAsync(string notice, Func<Task<StaffMember>> change, StaffForm? typed, CancellationToken ct)
    {
        try
        {
            var member = await change();
            Notice = notice;
            return Redirect($"/admin/staff/{Uri.EscapeDataString(member.UserName)}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            return await RefusedAsync(refused, typed, ct);
        }
    }

    private async Task<IActionResult> RefusedAsync(WorkflowRequestException refused, StaffForm? typed, CancellationToken ct)
    {
        ModelState.Show(refused, t);
        await LoadAsync(ct);
        Form = typed ?? StaffForm.From(Member);
        Form.UserName = Member.UserName;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Member = await staff.GetAsync(UserName, ct);
        AllGroups = await groups.ListAsync(ct);
        Audit = await staff.AuditAsync(Member.UserName, 0, AuditShown, ct);
        if (Member.Disabled) ToHandOn = await staff.AssignmentsToHandOnAsync(Member.UserName, ct);
    }
}
