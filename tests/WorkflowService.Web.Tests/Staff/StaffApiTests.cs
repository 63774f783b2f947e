using System.Net;
using System.Net.Http.Json;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Staff.StaffApi;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>
/// An admin runs the staff from the API: adds, finds, changes people and their groups; every refusal names
/// what was wrong; the groups decide at once which tasks one is offered; every change lands in the audit log.
/// </summary>
public sealed class StaffApiTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task An_admin_adds_a_person_who_is_then_found_by_their_chinese_name_with_roles_and_groups()
    {
        var admin = await service.As("admin");
        var name = NewName("zw");

        var response = await admin.PostAsync("/api/users", new
        {
            userName = name, displayName = "张伟测试", email = "zhang.wei@example.com", mobile = "13800138000",
            password = Password, roles = new[] { "engineer" }, groups = new[] { "engineers", "warehouse" },
        });

        await ApiClient.Expect(response, HttpStatusCode.Created);
        Assert.Equal($"/api/users/{name}", response.Headers.Location?.OriginalString);
        var found = Assert.Single((await admin.GetJsonAsync("/api/users?q=" + Uri.EscapeDataString("张伟测试"))).EnumerateArray(),
            u => u.GetProperty("userName").GetString() == name);
        Assert.Equal("13800138000", found.GetProperty("mobile").GetString());
        Assert.Equal(["engineer"], ApiClient.Strings(found.GetProperty("roles")));
        Assert.Equal(["engineers", "warehouse"], ApiClient.Strings(found.GetProperty("groups")));
        Assert.False(found.GetProperty("disabled").GetBoolean());
        Assert.True(found.GetProperty("mustChangePassword").GetBoolean(), "a password chosen by an admin must be changed by its owner");
        Assert.DoesNotContain((await admin.GetJsonAsync("/api/users?q=nobody-is-called-this")).EnumerateArray(),
            u => u.GetProperty("userName").GetString() == name);
    }

    [Fact]
    public async Task A_taken_user_name_is_a_409_whatever_its_case()
    {
        var admin = await service.As("admin");
        var name = NewName("dup");
        await AddAsync(admin, name, "agent");

        var again = await admin.PostAsync("/api/users", new
        {
            userName = name.ToUpperInvariant(), displayName = "李娜", password = Password, roles = new[] { "agent" },
        });

        var problem = await ApiClient.ExpectProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already exists", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_password_that_breaks_a_rule_is_a_400_naming_the_rule_and_nobody_is_added()
    {
        var admin = await service.As("admin");
        var name = NewName("weak");

        var refused = await admin.PostAsync("/api/users", new { userName = name, displayName = "王芳", password = "abc", roles = new[] { "agent" } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(("password", "PasswordTooShort"), Errors(problem));
        Assert.Contains("10 characters", problem.GetProperty("detail").GetString());
        await ApiClient.Expect(await admin.GetAsync($"/api/users/{name}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("timer")]
    [InlineData("PBX")]
    [InlineData("system")]
    [InlineData("export")]
    [InlineData("Export")]
    public async Task A_user_name_of_a_system_actor_or_of_an_API_address_is_refused(string userName)
    {
        var admin = await service.As("admin");

        var refused = await admin.PostAsync("/api/users", new { userName, displayName = "系统", password = Password, roles = new[] { "agent" } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(("userName", "reserved"), Errors(problem));
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var admin = await service.As("admin");

        var refused = await admin.PostAsync("/api/users", new
        {
            userName = "张三", displayName = "", email = "not-an-email", mobile = "call me", password = Password,
            roles = new[] { "boss" }, groups = new[] { "engineers" },
        });

        var errors = Errors(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest));
        Assert.Contains(("userName", "invalid-characters"), errors);
        Assert.Contains(("displayName", "required"), errors);
        Assert.Contains(("email", "invalid"), errors);
        Assert.Contains(("mobile", "invalid"), errors);
        Assert.Contains(("roles", "unknown-role"), errors);
    }

    [Fact]
    public async Task An_unknown_group_is_refused_by_name()
    {
        var admin = await service.As("admin");

        var refused = await admin.PostAsync("/api/users", new
        {
            userName = NewName("grp"), displayName = "赵磊", password = Password, roles = new[] { "engineer" }, groups = new[] { "enginers" },
        });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains(("groups", "unknown-group"), Errors(problem));
        Assert.Contains("'enginers'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_admin_changes_roles_and_groups_but_never_the_user_name()
    {
        var admin = await service.As("admin");
        var name = NewName("upd");
        await AddAsync(admin, name, "agent", ["agents"]);

        var changed = await admin.Http.PutAsJsonAsync($"/api/users/{name}", new
        {
            displayName = "刘洋", email = "", mobile = "", roles = new[] { "deputy-manager", "agent" }, groups = new[] { "service-desk" },
        });
        await ApiClient.Expect(changed, HttpStatusCode.OK);
        var user = await admin.GetJsonAsync($"/api/users/{name}");
        Assert.Equal("刘洋", user.GetProperty("displayName").GetString());
        Assert.Equal(["deputy-manager", "agent"], ApiClient.Strings(user.GetProperty("roles")));
        Assert.Equal(["service-desk"], ApiClient.Strings(user.GetProperty("groups")));
        Assert.False(user.TryGetProperty("email", out _), "an empty email clears it");

        var renamed = await admin.Http.PutAsJsonAsync($"/api/users/{name}", new { userName = "someone-else", displayName = "刘洋", roles = new[] { "agent" } });
        Assert.Contains(("userName", "immutable"), Errors(await ApiClient.ExpectProblemAsync(renamed, HttpStatusCode.BadRequest)));
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/users/no-such-person", new { displayName = "无", roles = new[] { "agent" } }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_manage_staff_and_only_signed_in_callers_reach_the_api()
    {
        var manager = await service.As("manager");
        foreach (var url in new[] { "/api/users", "/api/groups", "/api/audit", "/api/groups/engineers" })
        {
            await ApiClient.ExpectProblemAsync(await manager.GetAsync(url), HttpStatusCode.Forbidden);
            await ApiClient.Expect(await service.Host.CreateClient().GetAsync(url), HttpStatusCode.Unauthorized);
        }
        await ApiClient.ExpectProblemAsync(await manager.PostAsync("/api/users", new { userName = "x" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_person_added_to_engineers_sees_the_groups_open_task_at_once_and_the_group_lists_it()
    {
        var admin = await service.As("admin");
        var owner = await service.As("owner");
        await owner.DeployAsync(TestBpmn.Process("staff-engineers", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="repair" name="维修" camunda:candidateGroups="engineers" />
            {TestBpmn.Flows("start", "repair")}
            """));
        var instance = await owner.StartAsync("staff-engineers");
        var name = NewName("new-eng");
        await AddAsync(admin, name, "engineer");
        var engineer = await SignInAsync(service.Host, name);
        Assert.Empty(await engineer.TasksAsync(instance));

        await JoinAsync(admin, "engineers", name);

        var task = Assert.Single(await engineer.TasksAsync(instance));
        Assert.Equal("repair", task.GetProperty("elementId").GetString());
        var group = await admin.GetJsonAsync("/api/groups/engineers");
        Assert.Contains(group.GetProperty("members").EnumerateArray(), m => m.GetProperty("userName").GetString() == name);
        Assert.Contains(group.GetProperty("openTasks").EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == instance);
    }

    [Fact]
    public async Task Group_members_must_be_people_and_a_new_group_is_made_by_naming_its_members()
    {
        var admin = await service.As("admin");
        var group = NewName("team");

        var refused = await admin.Http.PutAsJsonAsync($"/api/groups/{group}/members", new { userNames = new[] { "agent", "ghost-user" } });
        Assert.Contains(("userNames[1]", "unknown-user"), Errors(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest)));
        await ApiClient.Expect(await admin.GetAsync($"/api/groups/{group}"), HttpStatusCode.NotFound);

        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/groups/{group}/members",
            new { userNames = new[] { "agent", "AGENT2" }, displayName = "华东维修组" }), HttpStatusCode.OK);
        var created = await admin.GetJsonAsync($"/api/groups/{group}");
        Assert.Equal("华东维修组", created.GetProperty("displayName").GetString());
        Assert.Equal(["agent", "agent2"], created.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userName").GetString()!).ToArray());
        Assert.Contains((await admin.GetJsonAsync("/api/groups")).EnumerateArray(), g => g.GetProperty("name").GetString() == group);

        var badName = await admin.Http.PutAsJsonAsync("/api/groups/has space/members", new { userNames = Array.Empty<string>() });
        Assert.Contains(("name", "invalid"), Errors(await ApiClient.ExpectProblemAsync(badName, HttpStatusCode.BadRequest)));
        // The groups' workbook lives at /api/groups/export: a group of that name could not be read at its address.
        var taken = await admin.Http.PutAsJsonAsync("/api/groups/Export/members", new { userNames = new[] { "agent" } });
        var problem = await ApiClient.ExpectProblemAsync(taken, HttpStatusCode.BadRequest);
        Assert.Contains(("name", "reserved"), Errors(problem));
        Assert.Contains("/api/groups/export", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_log_with_who_what_and_when_and_no_password()
    {
        var admin = await service.As("admin");
        var name = NewName("aud");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await AddAsync(admin, name, "agent");
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/users/{name}", new { displayName = "陈静", roles = new[] { "finance" } }),
            HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/users/{name}/password", new { password = "reset-password-7" }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/users/{name}/disable", null, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/users/{name}/enable", null, HttpStatusCode.OK);

        var log = (await admin.GetJsonAsync($"/api/audit?target={name}")).EnumerateArray().ToList();

        Assert.Equal(["user.enabled", "user.disabled", "user.password-reset", "user.updated", "user.created"],
            log.Select(e => e.GetProperty("action").GetString()!).ToArray());
        Assert.All(log, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.All(log, e => Assert.InRange(e.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Contains("roles: 'agent' → 'finance'", log[3].GetProperty("details").GetString());
        Assert.DoesNotContain(log, e => e.ToString().Contains("reset-password-7", StringComparison.Ordinal)
                                        || e.ToString().Contains(Password, StringComparison.Ordinal));
    }
}
