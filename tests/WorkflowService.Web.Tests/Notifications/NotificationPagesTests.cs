using System.Net;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>The bell's pages: a person's own list in their language, marking read, and the channel choices form (antiforgery).</summary>
public sealed class NotificationPagesTests(RealClockService service) : IClassFixture<RealClockService>
{
    private WorkflowHost Host => service.Host;

    [Fact]
    public async Task The_list_shows_my_notice_in_chinese_and_the_bell_counts_it_until_i_mark_all_read()
    {
        var (_, task) = await service.ComplaintToRecordAsync("PAGE-BELL");
        await (await service.As("manager")).PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "agent" }, HttpStatusCode.OK);
        var agent = await PageSession.SignInAsync(Host, "agent", "zh-CN");

        await agent.PageAsync("/notifications");

        Assert.Contains("有一项任务分配给您: 登记投诉并指定负责人 (PAGE-BELL)", agent.Html);
        Assert.Contains($"href=\"/tasks/{task}\"", agent.Html);
        Assert.NotEqual("0", Unread(agent));
        await ApiClient.Expect(await agent.PostFormAsync("/notifications?handler=ReadAll", []), HttpStatusCode.Redirect);
        await agent.PageAsync("/notifications");
        Assert.Equal("0", Unread(agent));
    }

    [Fact]
    public async Task Another_persons_notice_cannot_be_marked_read_from_the_page()
    {
        var (_, task) = await service.ComplaintToRecordAsync("PAGE-PRIVATE");
        await (await service.As("manager")).PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "agent" }, HttpStatusCode.OK);
        var notice = await Host.ReadAsync(db => db.PersonalNotifications.Where(n => n.TaskId == task).Select(n => n.Id).SingleAsync());
        var colleague = await PageSession.SignInAsync(Host, "agent2");
        await colleague.PageAsync("/notifications");

        Assert.DoesNotContain("PAGE-PRIVATE", colleague.Html);
        var refused = await colleague.PostFormAsync($"/notifications?handler=Read&id={notice}", []);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null(await Host.ReadAsync(db => db.PersonalNotifications.Where(n => n.Id == notice).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task My_channel_choices_are_saved_from_the_form_and_a_post_without_the_token_changes_nothing()
    {
        var me = await PageSession.SignInAsync(Host, "warehouse", "zh-CN");
        await me.PageAsync("/account/notifications");
        Assert.Contains("有任务分配给我", me.Html);
        Assert.Contains("checked", me.Tag("id", "email-task-overdue"));

        var forged = await me.PostFormAsync("/account/notifications", new() { ["email"] = PersonalEvents.TaskAssigned }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await Host.ReadAsync(db => db.NotificationPreferences.CountAsync(p => p.UserName == "warehouse")));

        var saved = await me.PostFormAsync("/account/notifications", new() { ["email"] = PersonalEvents.TaskAssigned });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await me.PageAsync("/account/notifications");
        Assert.Contains("checked", me.Tag("id", "email-task-assigned"));
        Assert.DoesNotContain("checked", me.Tag("id", "email-task-overdue"));
        Assert.DoesNotContain("checked", me.Tag("id", "inapp-task-assigned"));
        Assert.Equal("通知设置已保存。", me.Text("data-testid", "notice"));
    }

    private static string Unread(PageSession page) =>
        System.Text.RegularExpressions.Regex.Match(page.Tag("data-testid", "bell-count"), "data-unread=\"(\\d+)\"").Groups[1].Value;
}
