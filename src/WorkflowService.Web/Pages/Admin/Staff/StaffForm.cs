using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>
/// The fields of a person as the create and edit forms post them (<c>_StaffFields</c>): names as the runtime
/// names its fields, so that a refusal lands beside the field it is about.
/// </summary>
public sealed class StaffForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Mobile { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<string> Groups { get; set; } = [];

    public StaffProfile ToProfile() => new(UserName, DisplayName, Email, Mobile, Roles, Groups);

    public static StaffForm From(StaffMember member) => new()
    {
        UserName = member.UserName, DisplayName = member.DisplayName, Email = member.Email, Mobile = member.Mobile,
        Roles = [.. member.Roles], Groups = [.. member.Groups],
    };
}

/// <summary>What <c>_StaffFields</c> shows: the form, the groups one may tick, and whether the user name is still open.</summary>
public sealed record StaffFieldsView(StaffForm Form, IReadOnlyList<GroupView> AllGroups, bool UserNameEditable);
