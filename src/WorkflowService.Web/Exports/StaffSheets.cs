using System.Globalization;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Export;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Staff;
using static WorkflowService.AfterSales.Export.ListSheet;

namespace WorkflowService.Web.Exports;

/// <summary>
/// The admins' lists as workbooks: the groups with their members, the staff (under headers the staff import reads: the Chinese ones, or English ones
/// that read as its field names) and the audit log. Only admins may ask: the endpoints and pages that call these say so.
/// </summary>
public sealed class StaffSheets(StaffDirectory staff, GroupAdministration groups, ListTexts texts, DepartmentDay department)
{
    /// <summary>The people a search finds (everyone without one), by user name, with whether each is disabled.</summary>
    public async Task<byte[]> StaffAsync(string? search, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var people = (await staff.ListAsync(search, ct)).OrderBy(m => m.UserName, StringComparer.Ordinal);
        var rows = people.Select(m => (IReadOnlyList<object?>)
            [m.UserName, m.DisplayName, m.Email, m.Mobile, string.Join(", ", m.Roles), string.Join(", ", m.Groups), YesNo(m.Disabled, zh)]);
        return Write(new("人员", "Staff"), texts.Of("Staff.UserName", "Staff.DisplayName", "Staff.Email", "Staff.Mobile", "Staff.Roles",
            "Staff.Groups", "Staff.Disabled"), rows, culture);
    }

    /// <summary>The groups by name, each with its members (user names, by name) and how many they are.</summary>
    public async Task<byte[]> GroupsAsync(CultureInfo culture, CancellationToken ct = default)
    {
        var rows = (await groups.ListAsync(ct)).OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => (IReadOnlyList<object?>)
            [g.Name, g.DisplayName, g.Members.Count, string.Join(", ", g.Members.Order(StringComparer.Ordinal))]);
        return Write(texts["Groups.Title"], [texts["Groups.Name"], texts["Groups.DisplayName"], new("成员数", "Member count"), texts["Groups.Members"]], rows,
            culture);
    }

    /// <summary>The audit log of a person or <c>group:name</c> (all without one), newest first.</summary>
    public async Task<byte[]> AuditAsync(string? target, CultureInfo culture, CancellationToken ct = default)
    {
        var entries = await TaskSheets.AllAsync(skip => staff.AuditAsync(target, skip, TaskSheets.Batch, ct));
        var rows = entries.Select(a => (IReadOnlyList<object?>)[Time(a.At, department.Zone), a.Actor, a.Action, a.Target, a.Details]);
        return Write(texts["Audit.Title"], texts.Of("Audit.At", "Audit.Actor", "Audit.Action", "Audit.Target", "Audit.Details"), rows,
            culture);
    }
}
