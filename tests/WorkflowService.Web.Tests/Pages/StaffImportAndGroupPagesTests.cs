using System.Net;
using System.Text;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Support.StaffShortcuts;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>Importing staff from a file, and the groups pages.</summary>
public sealed class StaffImportAndGroupPagesTests(RealClockService service) : IClassFixture<RealClockService>
{
    private WorkflowHost Host => service.Host;

    [Fact]
    public async Task A_dry_run_import_with_one_bad_row_names_the_row_and_adds_no_one()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var good = NewName("good");
        var bad = NewName("bad");
        var csv = $"用户名,姓名,邮箱,角色,组,初始密码\n{good},李娜,li.na@example.com,engineer,engineers,{FirstPassword}\n" +
                  $"{bad},赵强,not-an-email,engineer,engineers,{FirstPassword}\n";
        await admin.GetPageAsync("/admin/staff/import");

        var checkedOnly = await admin.PostFileAsync("/admin/staff/import?handler=Check", "file", "staff.csv", Encoding.UTF8.GetBytes(csv));
        await ApiClient.Expect(checkedOnly, HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await checkedOnly.Content.ReadAsStringAsync());
        Assert.Matches($"<tr data-row=\"3\"><td>3</td><td>[^<]*'not-an-email' is not an email address", html);
        Assert.DoesNotContain("data-row=\"2\"", html);
        Assert.Contains("data-written=\"false\"", html);

        var imported = await admin.PostFileAsync("/admin/staff/import?handler=Import", "file", "staff.csv", Encoding.UTF8.GetBytes(csv));
        await ApiClient.Expect(imported, HttpStatusCode.OK);
        Assert.Contains("nothing was imported", await imported.Content.ReadAsStringAsync());

        Assert.Null(await Host.FindPersonAsync(good));
        Assert.Null(await Host.FindPersonAsync(bad));
    }

    [Fact]
    public async Task A_Chinese_admin_reads_each_rows_problem_and_a_bad_header_in_Chinese()
    {
        var admin = await PageSession.SignInAsync(Host, "admin", "zh-CN");
        var twice = NewName("twice");
        var csv = $"用户名,姓名,邮箱,角色,组,初始密码\n{twice},李娜,li.na@example.com,engineer,engineers,{FirstPassword}\n" +
                  $"{twice},李娜,not-an-email,engineer,夜班,{FirstPassword}\n";
        await admin.GetPageAsync("/admin/staff/import");

        var checkedOnly = await admin.PostFileAsync("/admin/staff/import?handler=Check", "file", "staff.csv", Encoding.UTF8.GetBytes(csv));

        await ApiClient.Expect(checkedOnly, HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await checkedOnly.Content.ReadAsStringAsync());
        Assert.Contains("<tr data-row=\"3\"><td>3</td><td>“not-an-email”不是有效的电子邮箱地址。</td></tr>", html);
        Assert.Contains("<tr data-row=\"3\"><td>3</td><td>没有名为“夜班”的组(管理员可在“组”页面添加)。</td></tr>", html);
        Assert.Contains("<tr data-row=\"3\"><td>3</td><td>该用户名已在第 2 行出现。</td></tr>", html);

        var header = await admin.PostFileAsync("/admin/staff/import?handler=Check", "file", "staff.csv",
            Encoding.UTF8.GetBytes($"用户名,姓名,备注\n{twice},李娜,新人\n"));
        html = WebUtility.HtmlDecode(await header.Content.ReadAsStringAsync());
        Assert.Contains("<td>无法识别的列“备注”。</td>", html);
        Assert.Contains("<td>标题行缺少 roles 列。</td>", html);
        Assert.Null(await Host.FindPersonAsync(twice));
    }

    [Fact]
    public async Task A_valid_file_is_imported_and_the_counts_are_shown()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("import");
        var csv = $"userName,displayName,roles,groups,password\n{userName},周杰,warehouse,warehouse,{FirstPassword}\n";
        await admin.GetPageAsync("/admin/staff/import");

        var imported = await admin.PostFileAsync("/admin/staff/import?handler=Import", "file", "staff.csv", Encoding.UTF8.GetBytes(csv));

        await ApiClient.Expect(imported, HttpStatusCode.OK);
        var html = await imported.Content.ReadAsStringAsync();
        Assert.Contains("data-written=\"true\"", html);
        Assert.Contains("Imported: 1 added, 0 updated.", html);
        Assert.Equal(["warehouse"], (await Host.FindPersonAsync(userName))!.Groups);
    }

    [Fact]
    public async Task A_new_group_gets_members_and_its_page_shows_them()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var group = NewName("night-shift");
        await admin.PageAsync("/admin/groups");

        var created = await admin.PostFormAsync("/admin/groups", new() { ["name"] = group, ["displayName"] = "夜班 Night shift" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await admin.PageAsync($"/admin/groups/{group}");
        Assert.Equal("No members yet.", admin.Text("data-testid", "no-members"));

        var set = await admin.PostFormAsync($"/admin/groups/{group}", new() { ["userNames"] = "engineer", ["displayName"] = "夜班 Night shift" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await admin.PageAsync($"/admin/groups/{group}");
        Assert.Contains("Engineer 售后服务工程师", admin.Text("data-member", "engineer"));
        await admin.PageAsync("/admin/groups");
        Assert.Equal("1", CountOf(admin, group));

        var again = await admin.PostFormAsync("/admin/groups", new() { ["name"] = group, ["displayName"] = "" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already exists", admin.Text("data-error-for", "name"));
        await admin.PageAsync($"/admin/audit?target=group:{group}");
        Assert.Contains("group.members-set", admin.Text("data-testid", "audit"));
    }

    private static string CountOf(PageSession session, string group)
    {
        var row = System.Text.RegularExpressions.Regex.Match(session.Html,
            $"<tr data-group=\"{group}\">.*?data-testid=\"member-count\">(\\d+)<", System.Text.RegularExpressions.RegexOptions.Singleline);
        return row.Success ? row.Groups[1].Value : "";
    }
}
