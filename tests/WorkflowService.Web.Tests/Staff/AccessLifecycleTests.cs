using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Staff.StaffApi;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>
/// When access ends, it ends at once: disabling a person, resetting their password, revoking a token or a
/// lockout stops the bearer tokens already issued on their next call; a disabled person's claimed work goes
/// back to their groups, and what names only them is listed for a manager to hand on.
/// </summary>
public sealed class AccessLifecycleTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task A_disabled_persons_existing_bearer_token_gets_401_on_the_next_call_and_no_new_one_is_issued()
    {
        var admin = await service.As("admin");
        var name = NewName("dis");
        await AddAsync(admin, name, "agent", ["agents"]);
        var person = await SignInAsync(service.Host, name);
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.OK);

        var disabled = await admin.PostJsonAsync($"/api/users/{name}/disable", null, HttpStatusCode.OK);

        Assert.True(disabled.GetProperty("user").GetProperty("disabled").GetBoolean());
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        await ApiClient.Expect(await TokenAsync(name, Password), HttpStatusCode.Unauthorized);

        await admin.PostJsonAsync($"/api/users/{name}/enable", null, HttpStatusCode.OK);
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized); // the old token stays dead
        var again = await SignInAsync(service.Host, name);
        await ApiClient.Expect(await again.GetAsync("/api/tasks"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabling_gives_claimed_tasks_back_to_the_group_and_lists_the_tasks_naming_only_them_for_a_manager_to_hand_on()
    {
        var admin = await service.As("admin");
        var owner = await service.As("owner");
        var leaver = NewName("leaver");
        await AddAsync(admin, leaver, "engineer", ["engineers"]);
        await owner.DeployAsync(TestBpmn.Process("staff-leaver", $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="groupWork" camunda:candidateGroups="engineers" />
            <bpmn:userTask id="ownWork" camunda:assignee="${"{leaver}"}" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="groupWork" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="ownWork" />
            """));
        var instance = await owner.StartAsync("staff-leaver", new { leaver });
        var person = await SignInAsync(service.Host, leaver);
        var groupWork = await person.TaskIdAsync(instance, "groupWork");
        var ownWork = await person.TaskIdAsync(instance, "ownWork");
        await ApiClient.Expect(await person.PostAsync($"/api/tasks/{groupWork}/claim"), HttpStatusCode.OK);
        var engineer = await service.As("engineer");
        Assert.Empty(await engineer.TasksAsync(instance));

        var outcome = await admin.PostJsonAsync($"/api/users/{leaver}/disable", null, HttpStatusCode.OK);

        Assert.Equal(groupWork, Assert.Single(outcome.GetProperty("released").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(ownWork, Assert.Single(outcome.GetProperty("toHandOn").EnumerateArray()).GetProperty("id").GetGuid());
        var offered = Assert.Single(await engineer.TasksAsync(instance));
        Assert.Equal(groupWork, offered.GetProperty("id").GetGuid());
        Assert.False(offered.TryGetProperty("assignee", out _));
        Assert.Equal(ownWork, Assert.Single((await admin.GetJsonAsync($"/api/users/{leaver}/assignments")).EnumerateArray())
            .GetProperty("id").GetGuid());

        var manager = await service.As("manager");
        Assert.Contains((await manager.GetJsonAsync("/api/tasks/left-behind")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == ownWork);
        Assert.DoesNotContain((await manager.GetJsonAsync("/api/tasks/left-behind")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == groupWork);
        var refused = await manager.PostAsync($"/api/tasks/{ownWork}/assign", new { userName = leaver });
        Assert.Contains(("userName", "disabled"), Errors(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest)));
        await ApiClient.ExpectProblemAsync(await engineer.PostAsync($"/api/tasks/{ownWork}/assign", new { userName = "engineer" }),
            HttpStatusCode.Forbidden);
        var handedOn = await manager.PostJsonAsync($"/api/tasks/{ownWork}/assign", new { userName = "engineer" }, HttpStatusCode.OK);
        Assert.Equal("engineer", handedOn.GetProperty("assignee").GetString());
        Assert.Contains(await engineer.TasksAsync(instance), t => t.GetProperty("id").GetGuid() == ownWork);
        Assert.Empty((await admin.GetJsonAsync($"/api/users/{leaver}/assignments")).EnumerateArray());
        Assert.DoesNotContain((await manager.GetJsonAsync("/api/tasks/left-behind")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == ownWork);
    }

    [Fact]
    public async Task A_reset_password_stops_old_tokens_and_must_be_changed_before_anything_else()
    {
        var admin = await service.As("admin");
        var name = NewName("reset");
        await AddAsync(admin, name, "agent", ["agents"]);
        var before = await SignInAsync(service.Host, name);

        var reset = await admin.PostJsonAsync($"/api/users/{name}/password", new { password = "given-by-admin-1" }, HttpStatusCode.OK);

        Assert.True(reset.GetProperty("mustChangePassword").GetBoolean());
        await ApiClient.Expect(await before.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        var forced = await SignInAsync(service.Host, name, "given-by-admin-1");
        var blocked = await ApiClient.ExpectProblemAsync(await forced.GetAsync("/api/tasks"), HttpStatusCode.Forbidden);
        Assert.Contains("/api/account/password", blocked.GetProperty("detail").GetString());

        var wrong = await forced.PostAsync("/api/account/password", new { currentPassword = "not-it-at-all", newPassword = "my-own-password-1" });
        Assert.Contains(("currentPassword", "PasswordMismatch"), Errors(await ApiClient.ExpectProblemAsync(wrong, HttpStatusCode.BadRequest)));
        var weak = await forced.PostAsync("/api/account/password", new { currentPassword = "given-by-admin-1", newPassword = "short" });
        Assert.Contains(("newPassword", "PasswordTooShort"), Errors(await ApiClient.ExpectProblemAsync(weak, HttpStatusCode.BadRequest)));
        await forced.PostJsonAsync("/api/account/password", new { currentPassword = "given-by-admin-1", newPassword = "my-own-password-1" },
            HttpStatusCode.NoContent);

        await ApiClient.Expect(await forced.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized); // the change ends every session
        await ApiClient.Expect(await TokenAsync(name, "given-by-admin-1"), HttpStatusCode.Unauthorized);
        var after = await SignInAsync(service.Host, name, "my-own-password-1");
        await ApiClient.Expect(await after.GetAsync("/api/tasks"), HttpStatusCode.OK);
        Assert.False((await after.GetJsonAsync("/api/account")).GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_token_gets_401_while_the_persons_other_tokens_work()
    {
        var admin = await service.As("admin");
        var name = NewName("rev");
        await AddAsync(admin, name, "agent");
        var phone = await SignInAsync(service.Host, name);
        var laptop = await SignInAsync(service.Host, name);

        await phone.PostJsonAsync("/api/auth/revoke", null, HttpStatusCode.NoContent);

        await ApiClient.Expect(await phone.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        await ApiClient.Expect(await laptop.GetAsync("/api/tasks"), HttpStatusCode.OK);
        Assert.Contains((await admin.GetJsonAsync($"/api/audit?target={name}")).EnumerateArray(),
            e => e.GetProperty("action").GetString() == "token.revoked");
        await ApiClient.Expect(await service.Host.CreateClient().PostAsync("/api/auth/revoke", null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_issued_before_a_lockout_stops_working_during_it()
    {
        var admin = await service.As("admin");
        var name = NewName("lock");
        await AddAsync(admin, name, "agent");
        var person = await SignInAsync(service.Host, name);

        for (var attempt = 0; attempt < 5; attempt++)
            await ApiClient.Expect(await TokenAsync(name, "guessing-password-" + attempt), HttpStatusCode.Unauthorized);

        Assert.True((await admin.GetJsonAsync($"/api/users/{name}")).GetProperty("lockedOut").GetBoolean());
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        await admin.PostJsonAsync($"/api/users/{name}/enable", null, HttpStatusCode.OK); // an admin lifts the lockout
        await ApiClient.Expect(await (await SignInAsync(service.Host, name)).GetAsync("/api/tasks"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_person_changes_their_own_email_and_language_and_a_bad_one_is_named()
    {
        var admin = await service.As("admin");
        var name = NewName("me");
        await AddAsync(admin, name, "engineer");
        var person = await SignInAsync(service.Host, name);

        var refused = await person.Http.PutAsJsonAsync("/api/account", new { email = "nope", language = "fr" });
        var errors = Errors(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest));
        Assert.Contains(("email", "invalid"), errors);
        Assert.Contains(("language", "unknown"), errors);

        await ApiClient.Expect(await person.Http.PutAsJsonAsync("/api/account", new { email = "me@example.com", language = "zh-CN" }), HttpStatusCode.OK);
        var account = await person.GetJsonAsync("/api/account");
        Assert.Equal("me@example.com", account.GetProperty("email").GetString());
        Assert.Equal("zh-CN", account.GetProperty("language").GetString());
    }

    private Task<HttpResponseMessage> TokenAsync(string userName, string password) =>
        service.Host.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });
}

/// <summary>The last enabled admin stays: someone must always be able to manage the staff (a service of its own: it disables admins).</summary>
public sealed class LastAdminTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task The_last_enabled_admin_can_neither_be_disabled_nor_lose_the_admin_role()
    {
        var admin = await service.As("admin");

        var disable = await admin.PostAsync("/api/users/admin/disable");
        var refused = await ApiClient.ExpectProblemAsync(disable, HttpStatusCode.Conflict);
        Assert.Contains("last enabled admin", refused.GetProperty("detail").GetString());
        Assert.Equal(("last-admin", "admin"), (refused.GetProperty("code").GetString(), refused.GetProperty("argument").GetString()));
        var demote = await admin.Http.PutAsJsonAsync("/api/users/admin", new { displayName = "Administrator", roles = new[] { "manager" } });
        await ApiClient.ExpectProblemAsync(demote, HttpStatusCode.Conflict);
        Assert.Equal(["admin"], ApiClient.Strings((await admin.GetJsonAsync("/api/users/admin")).GetProperty("roles")));

        var second = NewName("admin2");
        await AddAsync(admin, second, "admin");
        var deputy = await SignInAsync(service.Host, second);
        await deputy.PostJsonAsync("/api/users/admin/disable", null, HttpStatusCode.OK);

        var self = await deputy.PostAsync($"/api/users/{second}/disable");
        await ApiClient.ExpectProblemAsync(self, HttpStatusCode.Conflict);
        await deputy.PostJsonAsync("/api/users/admin/enable", null, HttpStatusCode.OK);
        var imported = JsonSerializer.Serialize(await deputy.GetJsonAsync("/api/users/admin"));
        Assert.Contains("\"disabled\":false", imported);
    }
}
