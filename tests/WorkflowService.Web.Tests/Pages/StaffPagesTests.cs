using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>The staff administration pages as an admin uses them, and the password change every new person meets.</summary>
public sealed class StaffPagesTests(RealClockService service) : IClassFixture<RealClockService>
{
    private const string FirstPassword = "first-password-1";

    private WorkflowHost Host => service.Host;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private async Task<StaffMember?> FindAsync(string userName)
    {
        using var scope = Host.Services.CreateScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<StaffDirectory>().GetAsync(userName);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task CreateAsync(string userName, string role, string group)
    {
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<StaffDirectory>()
            .CreateAsync("admin", new StaffProfile(userName, "新同事 " + userName, null, null, [role], [group]), FirstPassword);
    }

    /// <summary>Signs in through the form with a password of one's own (PageSession.SignInAsync knows only the demo ones).</summary>
    private async Task<(PageSession Session, HttpResponseMessage Response)> SignInWithAsync(string userName, string password)
    {
        var session = PageSession.Anonymous(Host);
        await session.GetAsync("/login");
        var response = await session.PostFormAsync("/login", new() { ["UserName"] = userName, ["Password"] = password });
        return (session, response);
    }

    private static Dictionary<string, string> Person(string userName, string email = "") => new()
    {
        ["userName"] = userName, ["displayName"] = "张伟", ["email"] = email, ["mobile"] = "138 0013 8000",
        ["roles"] = "engineer", ["groups"] = "engineers", ["password"] = FirstPassword,
    };

    [Fact]
    public async Task An_admin_adds_a_person_through_the_form_and_finds_them_in_the_list()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("zhangwei");
        await admin.PageAsync("/admin/staff/new");

        var created = await admin.PostFormAsync("/admin/staff/new", Person(userName, "zhang.wei@example.com"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/admin/staff/{userName}", created.Headers.Location!.OriginalString);
        await admin.PageAsync($"/admin/staff/{userName}");
        Assert.Contains("The person was added", admin.Text("data-testid", "notice"));
        Assert.Contains("user.created", admin.Text("data-testid", "audit"));

        await admin.PageAsync("/admin/staff?q=" + userName);
        var row = admin.Text("data-user", userName);
        Assert.Contains("张伟", row);
        Assert.Contains("zhang.wei@example.com", row);
        Assert.Contains("After-sales engineer", row);
        Assert.Contains("engineers", row);
        Assert.Contains("data-status=\"must-change-password\"", admin.Html);
        Assert.DoesNotContain("<tr data-user=\"admin\"", admin.Html); // the search narrowed the list
        var person = await FindAsync(userName);
        Assert.Equal(["engineer"], person!.Roles);
        Assert.Equal(["engineers"], person.Groups);
        Assert.True(person.MustChangePassword);
    }

    [Fact]
    public async Task A_bad_email_is_shown_beside_its_field_nothing_typed_is_lost_and_no_one_is_added()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("lina");
        await admin.PageAsync("/admin/staff/new");

        var refused = await admin.PostFormAsync("/admin/staff/new", Person(userName, "not-an-email"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("'not-an-email' is not an email address", admin.Text("data-error-for", "email"));
        Assert.Contains("is-invalid", admin.Tag("name", "email"));
        Assert.Equal(userName, admin.InputValue("userName"));
        Assert.Equal("张伟", admin.InputValue("displayName"));
        Assert.Equal("not-an-email", admin.InputValue("email"));
        Assert.Contains("checked=\"checked\"", admin.Tag("id", "role-engineer"));
        Assert.Contains("checked=\"checked\"", admin.Tag("id", "group-engineers"));
        Assert.DoesNotContain("checked", admin.Tag("id", "role-admin"));
        Assert.Null(await FindAsync(userName));
    }

    [Fact]
    public async Task A_user_name_that_is_taken_is_refused_with_the_reason()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.PageAsync("/admin/staff/new");

        var refused = await admin.PostFormAsync("/admin/staff/new", Person("engineer"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A user named 'engineer' already exists", admin.Text("data-testid", "form-error"));
        Assert.Equal("engineer", admin.InputValue("userName"));
    }

    [Theory]
    [InlineData("/admin/staff")]
    [InlineData("/admin/staff/new")]
    [InlineData("/admin/staff/import")]
    [InlineData("/admin/staff/engineer")]
    [InlineData("/admin/groups")]
    [InlineData("/admin/groups/engineers")]
    [InlineData("/admin/audit")]
    public async Task An_agent_is_refused_the_admin_pages(string url)
    {
        var agent = await PageSession.SignInAsync(Host, "agent");

        PageSession.AssertDenied(await agent.GetAsync(url));
    }

    [Fact]
    public async Task Only_admins_see_the_staff_links_and_everyone_reaches_their_account_from_their_name()
    {
        var agent = await PageSession.SignInAsync(Host, "agent");
        var admin = await PageSession.SignInAsync(Host, "admin");

        await agent.PageAsync("/inbox");
        Assert.DoesNotContain("data-nav=\"staff\"", agent.Html);
        Assert.Contains("href=\"/account\"", agent.Tag("data-testid", "current-user"));
        Assert.Equal("agent", agent.Text("data-testid", "current-user"));
        await agent.PageAsync("/account");
        Assert.Equal("Agent 客服人员", agent.Text("data-testid", "display-name"));

        await admin.PageAsync("/inbox");
        Assert.Contains("href=\"/admin/staff\"", admin.Tag("data-nav", "staff"));
        Assert.Contains("href=\"/admin/groups\"", admin.Tag("data-nav", "groups"));
        Assert.Contains("href=\"/admin/audit\"", admin.Tag("data-nav", "audit"));
    }

    [Fact]
    public async Task A_new_person_is_sent_to_change_the_password_and_afterwards_the_inbox_opens()
    {
        var userName = NewName("wangfang");
        await CreateAsync(userName, StaffRoles.Engineer, "engineers");
        var (person, signedIn) = await SignInWithAsync(userName, FirstPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var inbox = await person.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Finbox", inbox.Headers.Location!.OriginalString);
        await person.PageAsync("/account/password?returnUrl=%2Finbox");
        Assert.Contains("set by an administrator", person.Text("data-testid", "must-change-password"));

        var mismatch = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = FirstPassword, ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-3",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Equal("The two new passwords differ.", person.Text("data-error-for", "repeatPassword"));

        var wrong = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = "not-my-password-1", ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-2",
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("currentPassword is wrong", person.Text("data-error-for", "currentPassword"));

        var changed = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = FirstPassword, ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-2",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/inbox", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/inbox")).StatusCode);
        Assert.False((await FindAsync(userName))!.MustChangePassword);
        var (_, again) = await SignInWithAsync(userName, "my-own-password-2");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

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

        Assert.Null(await FindAsync(good));
        Assert.Null(await FindAsync(bad));
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
        Assert.Equal(["warehouse"], (await FindAsync(userName))!.Groups);
    }

    [Fact]
    public async Task Disabling_a_person_lists_what_they_leave_and_enabling_lets_them_back()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("leaver");
        await CreateAsync(userName, StaffRoles.Agent, "agents");
        await admin.PageAsync($"/admin/staff/{userName}");

        var disabled = await admin.PostFormAsync($"/admin/staff/{userName}?handler=Disable", new());

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("data-status=\"disabled\"", admin.Html);
        Assert.Equal("None.", admin.Text("data-testid", "released"));
        Assert.Equal("None.", admin.Text("data-testid", "to-hand-on"));
        Assert.True((await FindAsync(userName))!.Disabled);
        Assert.Equal(HttpStatusCode.OK, (await SignInWithAsync(userName, FirstPassword)).Response.StatusCode); // the form again: refused

        var enabled = await admin.PostFormAsync($"/admin/staff/{userName}?handler=Enable", new());
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.False((await FindAsync(userName))!.Disabled);
        await admin.PageAsync($"/admin/staff/{userName}");
        Assert.Contains("user.enabled", admin.Text("data-testid", "audit"));
    }

    [Fact]
    public async Task Disabling_a_person_sends_their_claimed_task_back_to_the_group_and_shows_it()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("claimer");
        await CreateAsync(userName, StaffRoles.Agent, "agents");
        var key = NewName("C");
        var (_, task) = await service.ComplaintToRecordAsync(key);
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TaskService>().ClaimAsync(new Caller(userName, new HashSet<string> { "agents" }, false), task);
        await admin.PageAsync($"/admin/staff/{userName}");

        await admin.PostFormAsync($"/admin/staff/{userName}?handler=Disable", new());

        Assert.Contains(key, admin.Text("data-testid", "released"));
        Assert.Contains($"data-task-id=\"{task}\"", admin.Html);
        Assert.Contains("Disabled.", admin.Text("data-testid", "notice"));
        await admin.PageAsync($"/admin/staff/{userName}"); // later: nothing names them alone, nothing to hand on
        Assert.Equal("None.", admin.Text("data-testid", "to-hand-on"));
        var agent = await PageSession.SignInAsync(Host, "agent");
        await agent.PageAsync("/inbox");
        Assert.Contains($"data-business-key=\"{key}\"", agent.Html);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_disabled_from_the_page()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.PageAsync("/admin/staff/admin");

        var refused = await admin.PostFormAsync("/admin/staff/admin?handler=Disable", new());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("admin is the last enabled admin", admin.Text("data-testid", "form-error"));
        Assert.False((await FindAsync("admin"))!.Disabled);
    }

    [Fact]
    public async Task An_edit_that_is_refused_keeps_what_was_typed()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("editor");
        await CreateAsync(userName, StaffRoles.Warehouse, "warehouse");
        await admin.PageAsync($"/admin/staff/{userName}");

        var refused = await admin.PostFormAsync($"/admin/staff/{userName}?handler=Save", new()
        {
            ["displayName"] = "改过的名字", ["mobile"] = "call me", ["groups"] = "warehouse",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is not a phone number", admin.Text("data-error-for", "mobile"));
        Assert.Contains("give at least one of", admin.Text("data-error-for", "roles"));
        Assert.Equal("改过的名字", admin.InputValue("displayName"));
        Assert.Equal("call me", admin.InputValue("mobile"));
        Assert.Equal("新同事 " + userName, (await FindAsync(userName))!.DisplayName);
    }

    [Fact]
    public async Task The_staff_list_speaks_Chinese_with_the_role_names_of_the_regulations()
    {
        var admin = await PageSession.SignInAsync(Host, "admin", language: "zh-CN");

        await admin.PageAsync("/admin/staff?q=engineer");

        Assert.Equal("人员管理", admin.Text("data-nav", "staff"));
        Assert.Contains("售后服务工程师", admin.Text("data-user", "engineer"));
        Assert.Contains("新增人员", admin.Text("data-testid", "add-person"));
    }

    [Fact]
    public async Task A_password_reset_that_breaks_the_rules_names_the_rule_beside_the_field()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.PageAsync("/admin/staff/engineer");

        var refused = await admin.PostFormAsync("/admin/staff/engineer?handler=ResetPassword", new() { ["password"] = "short" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("at least 10 characters", admin.Text("data-error-for", "password"));
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

    [Fact]
    public async Task Choosing_a_language_in_my_account_switches_the_pages_and_the_next_sign_in()
    {
        var userName = NewName("chen");
        await CreateAsync(userName, StaffRoles.Finance, "finance");
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StaffDirectory>().ChangeOwnPasswordAsync(userName, FirstPassword, "own-password-42");
        var (person, _) = await SignInWithAsync(userName, "own-password-42");
        await person.PageAsync("/account");

        var saved = await person.PostFormAsync("/account", new() { ["email"] = "chen@example.com", ["language"] = "zh-CN" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await person.PageAsync("/account");
        Assert.Contains("我的账户", person.Html);
        Assert.Equal("chen@example.com", person.InputValue("email"));
        var (later, _) = await SignInWithAsync(userName, "own-password-42");
        await later.PageAsync("/inbox");
        Assert.Contains("<html lang=\"zh-CN\">", later.Html);
    }

    [Fact]
    public void Every_role_has_a_name_in_both_languages()
    {
        var texts = new Texts();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var defined = texts.Keys(language);
            Assert.All(StaffRoles.All, role => Assert.Contains("Role." + role, defined));
        }
        Assert.Equal("售后服务工程师", texts.Get("Role.engineer", new System.Globalization.CultureInfo("zh-CN")));
    }
}
