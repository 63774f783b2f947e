using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Staff;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Support.StaffShortcuts;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>The staff pages as an admin uses them: the list, adding, editing, disabling a person; and who may open them.</summary>
public sealed class StaffPagesTests(RealClockService service) : IClassFixture<RealClockService>
{
    private WorkflowHost Host => service.Host;

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
        var person = await Host.FindPersonAsync(userName);
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
        Assert.Null(await Host.FindPersonAsync(userName));
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
    public async Task Disabling_a_person_lists_what_they_leave_and_enabling_lets_them_back()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("leaver");
        await Host.CreatePersonAsync(userName, StaffRoles.Agent, "agents");
        await admin.PageAsync($"/admin/staff/{userName}");

        var disabled = await admin.PostFormAsync($"/admin/staff/{userName}?handler=Disable", new());

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("data-status=\"disabled\"", admin.Html);
        Assert.Equal("None.", admin.Text("data-testid", "released"));
        Assert.Equal("None.", admin.Text("data-testid", "to-hand-on"));
        Assert.True((await Host.FindPersonAsync(userName))!.Disabled);
        Assert.Equal(HttpStatusCode.OK, (await Host.SignInWithAsync(userName, FirstPassword)).Response.StatusCode); // the form again: refused

        var enabled = await admin.PostFormAsync($"/admin/staff/{userName}?handler=Enable", new());
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.False((await Host.FindPersonAsync(userName))!.Disabled);
        await admin.PageAsync($"/admin/staff/{userName}");
        Assert.Contains("user.enabled", admin.Text("data-testid", "audit"));
    }

    [Fact]
    public async Task Disabling_a_person_sends_their_claimed_task_back_to_the_group_and_shows_it()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("claimer");
        await Host.CreatePersonAsync(userName, StaffRoles.Agent, "agents");
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
        Assert.False((await Host.FindPersonAsync("admin"))!.Disabled);
    }

    [Fact]
    public async Task An_edit_that_is_refused_keeps_what_was_typed()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        var userName = NewName("editor");
        await Host.CreatePersonAsync(userName, StaffRoles.Warehouse, "warehouse");
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
        Assert.Equal("新同事 " + userName, (await Host.FindPersonAsync(userName))!.DisplayName);
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
    public async Task A_person_refused_on_a_Chinese_page_is_told_in_Chinese_beside_each_field_naming_what_was_typed()
    {
        var admin = await PageSession.SignInAsync(Host, "admin", language: "zh-CN");
        await admin.PageAsync("/admin/staff/new");

        var refused = await admin.PostFormAsync("/admin/staff/new", new()
        {
            ["userName"] = "张伟", ["displayName"] = "", ["email"] = "zhang@", ["mobile"] = "call me", ["groups"] = "no-such-group",
            ["password"] = "short1",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("用户名含有不允许的字符:张 伟(只能使用字母 a-z、数字及 - . _ @ +;中文姓名请填在“姓名”中)。", admin.Text("data-error-for", "userName"));
        Assert.Equal("请填写姓名:同事和客户看到的名字(如 张伟)。", admin.Text("data-error-for", "displayName"));
        Assert.Equal("“zhang@”不是有效的电子邮箱地址。", admin.Text("data-error-for", "email"));
        Assert.Contains("“call me”不是有效的手机号码", admin.Text("data-error-for", "mobile"));
        Assert.Equal("请至少选择一个角色。", admin.Text("data-error-for", "roles"));
        Assert.Null(await Host.FindPersonAsync("张伟"));

        // The groups are looked up once the fields pass; a taken name is the form's own error.
        await admin.PostFormAsync("/admin/staff/new", new()
        {
            ["userName"] = NewName("lei"), ["displayName"] = "雷", ["roles"] = "engineer", ["groups"] = "no-such-group", ["password"] = FirstPassword,
        });
        Assert.Equal("没有名为“no-such-group”的组(管理员可在“组”页面添加)。", admin.Text("data-error-for", "groups"));
        await admin.PostFormAsync("/admin/staff/new", new()
        {
            ["userName"] = NewName("lei"), ["displayName"] = "雷", ["roles"] = "engineer", ["password"] = "short1",
        });
        Assert.Equal("密码至少需要 10 个字符。", admin.Text("data-error-for", "password"));
        await admin.PostFormAsync("/admin/staff/new", Person("engineer"));
        Assert.Equal("用户名“engineer”已存在。", admin.Text("data-testid", "form-error"));
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
