using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>
/// A person is told of their own tasks, in the bell and by email as they chose: a task handed to them by someone else,
/// a task due soon, a task overdue; never of their own claim, never of anyone else's notices.
/// </summary>
public sealed class PersonalNotificationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Assigned = PersonalEvents.TaskAssigned;

    [Fact]
    public async Task A_task_handed_on_by_a_manager_reaches_the_assignees_bell_and_their_mailbox_only_when_they_chose_email()
    {
        var agent = await service.As("agent");
        var manager = await service.As("manager");
        await SetPreferencesAsync(agent, new { @event = Assigned, email = false, inApp = true });
        var (_, quiet) = await service.ComplaintToRecordAsync("PN-QUIET");
        await manager.PostJsonAsync($"/api/tasks/{quiet}/assign", new { userName = "agent" }, HttpStatusCode.OK);
        await manager.PostJsonAsync($"/api/tasks/{quiet}/assign", new { userName = "agent" }, HttpStatusCode.OK); // already theirs

        var notice = Assert.Single(await NoticesAsync(agent), n => n.GetProperty("taskId").GetGuid() == quiet);
        Assert.Equal(Assigned, notice.GetProperty("kind").GetString());
        Assert.Equal("manager", notice.GetProperty("actor").GetString());
        Assert.Equal($"/tasks/{quiet}", notice.GetProperty("link").GetString());
        Assert.False(notice.TryGetProperty("readAt", out var readAt) && readAt.ValueKind != JsonValueKind.Null, "a new notice is unread");

        await SetPreferencesAsync(agent, new { @event = Assigned, email = true, inApp = true });
        var (_, mailed) = await service.ComplaintToRecordAsync("PN-MAILED");
        await manager.PostJsonAsync($"/api/tasks/{mailed}/assign", new { userName = "agent" }, HttpStatusCode.OK);

        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("PN-MAILED"), "the assignment mail"));
        Assert.Equal(["agent@example.com"], mail.EnvelopeTo);
        Assert.StartsWith("任务已分配给您", mail.Subject);
        Assert.Contains($"http://workflow.test/tasks/{mailed}", mail.Raw);
        Assert.DoesNotContain(service.Smtp.Received, m => m.Subject.Contains("PN-QUIET"));
        Assert.Contains(await NoticesAsync(agent), n => n.GetProperty("taskId").GetGuid() == mailed);
    }

    [Fact]
    public async Task Claiming_a_task_oneself_notifies_nobody()
    {
        var agent2 = await service.As("agent2");
        var (_, task) = await service.ComplaintToRecordAsync("PN-CLAIM");

        await agent2.PostJsonAsync($"/api/tasks/{task}/claim", null, HttpStatusCode.OK);

        Assert.Equal(0, await service.Host.ReadAsync(db => db.PersonalNotifications.CountAsync(n => n.TaskId == task)));
    }

    [Fact]
    public async Task A_task_the_process_gives_an_engineer_tells_the_engineer_but_not_the_desk_that_dispatched_it()
    {
        var desk = await service.As("desk");
        var engineer = await service.As("engineer");
        var id = await desk.StartAsync("repair", new { customer = "PN-REPAIR", units = 3, inWarranty = true }, businessKey: "PN-REPAIR");
        await desk.CompleteAsync(id, "acceptRequest", new { fault = "no power", customerInformed = true });
        await desk.CompleteAsync(id, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });

        var mine = (await NoticesAsync(engineer)).Where(n => n.GetProperty("instanceId").GetGuid() == id).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, n => Assert.Equal(Assigned, n.GetProperty("kind").GetString()));
        Assert.All(mine, n => Assert.Equal("desk", n.GetProperty("actor").GetString()));
        Assert.DoesNotContain(await NoticesAsync(desk), n => n.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task Due_soon_and_overdue_each_come_once_and_a_rerun_writes_nothing_more()
    {
        var desk = await service.As("desk");
        await SetPreferencesAsync(desk, new { @event = PersonalEvents.TaskOverdue, email = true, inApp = true });
        var id = await desk.StartAsync("repair", new { customer = "PN-DUE", units = 1, inWarranty = true }, businessKey: "PN-DUE");
        var task = await desk.TaskIdAsync(id, "acceptRequest"); // due in a day, offered to the service desk
        var sweep = service.Host.Services.GetRequiredService<DueNoticeSweep>();

        await sweep.RunAsync(CancellationToken.None);
        Assert.Empty(await KindsAsync(task));

        service.Clock.Advance(TimeSpan.FromHours(23)); // inside the two hours' lead
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        Assert.Equal([("desk", PersonalEvents.TaskDueSoon)], await KindsAsync(task));

        service.Clock.Advance(TimeSpan.FromHours(2)); // past due
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        Assert.Equal([("desk", PersonalEvents.TaskDueSoon), ("desk", PersonalEvents.TaskOverdue)], await KindsAsync(task));

        var overdue = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("PN-DUE"), "the overdue mail"));
        Assert.StartsWith("任务已超时", overdue.Subject);
        Assert.Equal(["desk@example.com"], overdue.EnvelopeTo);
        var titles = (await NoticesAsync(desk, "zh-CN")).Where(n => n.GetProperty("taskId").GetGuid() == task)
            .Select(n => n.GetProperty("title").GetString()).ToList();
        Assert.Contains("您的任务已超时: 受理登记 (PN-DUE)", titles);
    }

    [Fact]
    public async Task Tasks_nobody_can_be_told_of_do_not_hold_up_later_tasks_and_are_looked_at_again_an_hour_later()
    {
        var owner = await service.As("owner");
        string OneTask(string key, string group, string due) => TestBpmn.Process(key, $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="work" name="work" camunda:candidateGroups="{group}" camunda:dueDate="{due}" />
            <bpmn:endEvent id="end" />
            {TestBpmn.Flows("start", "work", "end")}
            """);
        var lonely = await owner.DeployAsync(OneTask("pn-lonely", "pn-no-members", "PT3H"));
        var heard = await owner.DeployAsync(OneTask("pn-heard", "agents", "PT3H20M"));
        // More tasks with nobody to tell than a run reads, all due before the one the agents should hear of.
        var lonelyIds = new List<Guid>();
        for (var i = 0; i < 201; i++) lonelyIds.Add(await service.Host.StartAsync(lonely, $"PN-LONELY-{i}"));
        var heardTask = await service.Host.OpenTaskAsync(await service.Host.StartAsync(heard, "PN-HEARD"), "work");
        var firstLonely = await service.Host.OpenTaskAsync(lonelyIds[0], "work");
        var sweep = service.Host.Services.GetRequiredService<DueNoticeSweep>();

        service.Clock.Advance(TimeSpan.FromMinutes(90)); // all within the two hours' lead
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        Assert.Contains(("agent", PersonalEvents.TaskDueSoon), await KindsAsync(heardTask));
        Assert.Equal([("", PersonalEvents.TaskDueSoon)], await KindsAsync(firstLonely)); // the marker, which no one reads

        // Someone joins the group: told once the hour has passed, not at every run before it.
        await ApiClient.Expect(await (await service.As("admin")).Http.PutAsJsonAsync("/api/groups/pn-no-members/members",
            new { userNames = new[] { "agent2" } }), HttpStatusCode.OK);
        await sweep.RunAsync(CancellationToken.None);
        Assert.DoesNotContain(("agent2", PersonalEvents.TaskDueSoon), await KindsAsync(firstLonely));
        service.Clock.Advance(DueNoticeSweep.NobodyRecheck + TimeSpan.FromMinutes(1));
        await sweep.RunAsync(CancellationToken.None);
        Assert.Contains(("agent2", PersonalEvents.TaskDueSoon), await KindsAsync(firstLonely));
        Assert.DoesNotContain(await NoticesAsync(await service.As("agent"), "en"), n => n.GetProperty("taskId").GetGuid() == firstLonely);
    }

    [Fact]
    public async Task Another_persons_notices_are_never_seen_nor_marked()
    {
        var agent = await service.As("agent");
        var agent2 = await service.As("agent2");
        var manager = await service.As("manager");
        var (_, task) = await service.ComplaintToRecordAsync("PN-PRIVATE");
        await manager.PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "agent" }, HttpStatusCode.OK);
        var notice = Assert.Single(await NoticesAsync(agent), n => n.GetProperty("taskId").GetGuid() == task).GetProperty("id").GetGuid();

        Assert.DoesNotContain(await NoticesAsync(agent2), n => n.GetProperty("id").GetGuid() == notice);
        await ApiClient.ExpectProblemAsync(await agent2.PostAsync($"/api/notifications/{notice}/read"), HttpStatusCode.NotFound);
        await agent2.PostJsonAsync("/api/notifications/read-all", null, HttpStatusCode.OK);
        Assert.Contains(await NoticesAsync(agent, unread: true), n => n.GetProperty("id").GetGuid() == notice);

        var read = await agent.PostJsonAsync($"/api/notifications/{notice}/read", null, HttpStatusCode.OK);
        Assert.NotNull(read.GetProperty("readAt").GetString());
        Assert.DoesNotContain(await NoticesAsync(agent, unread: true), n => n.GetProperty("id").GetGuid() == notice);
    }

    [Fact]
    public async Task Preferences_start_from_the_defaults_and_an_unknown_event_is_refused_by_name()
    {
        await service.Host.CreateUserAsync("pn-newcomer", WorkflowService.Web.Auth.Roles.Agent);
        var newcomer = await service.Host.LoginAsync("pn-newcomer");

        var defaults = await newcomer.GetJsonAsync("/api/me/notification-preferences");
        Assert.Equal([(Assigned, false, true), (PersonalEvents.TaskDueSoon, false, true), (PersonalEvents.TaskOverdue, true, true)],
            defaults.EnumerateArray().Select(p => (p.GetProperty("event").GetString(), p.GetProperty("email").GetBoolean(),
                p.GetProperty("inApp").GetBoolean())));

        var refused = await ApiClient.ExpectProblemAsync(await newcomer.Http.PutAsJsonAsync("/api/me/notification-preferences",
            new { preferences = new[] { new { @event = "task-forgotten", email = true, inApp = true } } }), HttpStatusCode.BadRequest);
        Assert.Contains("task-forgotten", refused.GetRawText());
    }

    private static async Task SetPreferencesAsync(ApiClient client, params object[] preferences)
    {
        var response = await client.Http.PutAsJsonAsync("/api/me/notification-preferences", new { preferences });
        await ApiClient.Expect(response, HttpStatusCode.OK);
    }

    private static async Task<List<JsonElement>> NoticesAsync(ApiClient client, string? language = null, bool unread = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/notifications?take=200&unread={unread}");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.Http.SendAsync(request);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private Task<List<(string, string)>> KindsAsync(Guid task) =>
        service.Host.ReadAsync(async db => (await db.PersonalNotifications.Where(n => n.TaskId == task)
            .Select(n => new { n.UserName, n.Kind, n.CreatedAt }).ToListAsync())
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.UserName).Select(n => (n.UserName, n.Kind)).ToList());
}
