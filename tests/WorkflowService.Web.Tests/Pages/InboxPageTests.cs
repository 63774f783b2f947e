using System.Net;
using System.Text.RegularExpressions;
using WorkflowService.Web.Pages;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

public sealed class InboxPageTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public Task InitializeAsync() => CallbackProcess.DeployAsync(_host);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// A task of the agent's without a due date, under business key "undated": a complaint's recording is due 24 h after
    /// receipt, its owner's next step (verifying the facts) has no due date.
    /// </summary>
    private async Task UndatedTaskAsync()
    {
        var complaint = await _host.StartAsync("complaint", "undated");
        await _host.CompleteAsync(complaint, "recordComplaint", new { category = "delay", description = "Late", owner = "agent" });
    }

    [Theory]
    [InlineData("/inbox")]
    [InlineData("/inbox?handler=List")]
    [InlineData("/tasks/0196a7f0-0000-7000-8000-000000000001")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var response = await PageSession.Anonymous(_host).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query);
    }

    [Fact]
    public async Task The_inbox_lists_the_tasks_offered_to_my_groups_and_no_others()
    {
        await _host.StartAsync("repair", "R-1");
        await _host.StartAsync("complaint", "C-1");

        var desk = await PageSession.SignInAsync(_host, "desk");
        var agent = await PageSession.SignInAsync(_host, "agent");

        Assert.Equal(["R-1"], Rows(await desk.PageAsync("/inbox")).Select(r => r.Key));
        Assert.Equal("Accept request", desk.Text("data-testid", "task-link"));
        Assert.Contains("<td data-label=\"Process\">Repair</td>", desk.Html);
        Assert.Equal("Unclaimed", desk.Text("data-testid", "assignee"));
        Assert.Equal(["C-1"], Rows(await agent.PageAsync("/inbox")).Select(r => r.Key));
    }

    [Fact]
    public async Task Each_task_with_a_due_date_carries_its_SLA_badge()
    {
        await CallbackProcess.StartAsync(_host, "late", _now.AddHours(-1));
        await CallbackProcess.StartAsync(_host, "soon", _now.AddHours(1));
        await CallbackProcess.StartAsync(_host, "later", _now.AddDays(3));
        await UndatedTaskAsync();

        var agent = await PageSession.SignInAsync(_host, "agent");
        var rows = Rows(await agent.PageAsync("/inbox"));

        Assert.Equal([("late", "overdue"), ("soon", "due-soon"), ("later", "on-time"), ("undated", "none")], rows);
        Assert.Contains("""<span class="badge sla-badge sla-overdue" data-sla="overdue">Overdue</span>""", agent.Html);
        Assert.Contains("""<span class="badge sla-badge sla-due-soon" data-sla="due-soon">Due soon</span>""", agent.Html);
        Assert.Matches("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">", agent.Html);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_sort_orders_it()
    {
        await CallbackProcess.StartAsync(_host, "late", _now.AddHours(-1), priority: 10);
        await CallbackProcess.StartAsync(_host, "soon", _now.AddHours(1), priority: 90);
        await CallbackProcess.StartAsync(_host, "later", _now.AddDays(3), priority: 50);
        await UndatedTaskAsync();
        var agent = await PageSession.SignInAsync(_host, "agent");

        Assert.Equal(["late", "soon", "later"], Keys(await agent.PageAsync($"/inbox?process={CallbackProcess.Key}")));
        Assert.Equal(["undated"], Keys(await agent.PageAsync("/inbox?process=complaint")));
        Assert.Equal(["late"], Keys(await agent.PageAsync("/inbox?overdue=true")));
        var dueToday = Keys(await agent.PageAsync("/inbox?dueToday=true&tz=UTC"));
        Assert.Contains("late", dueToday);
        Assert.DoesNotContain("later", dueToday);
        Assert.DoesNotContain("undated", dueToday);
        Assert.Equal(["soon", "later", "undated", "late"], Keys(await agent.PageAsync("/inbox?sort=priority")));
        Assert.Contains("""<option value="priority" selected="selected">""", agent.Html);
    }

    [Fact]
    public async Task The_list_alone_is_served_for_live_updates_without_the_layout()
    {
        await _host.StartAsync("complaint", "C-7");
        var agent = await PageSession.SignInAsync(_host, "agent");

        var fragment = await agent.PageAsync("/inbox?handler=List&overdue=false");

        Assert.Equal(["C-7"], Keys(fragment));
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("inbox-filters", fragment);
    }

    [Fact]
    public async Task A_claimed_task_is_mine_and_leaves_my_colleagues_inbox()
    {
        var instance = await _host.StartAsync("complaint", "C-2");
        var taskId = await _host.OpenTaskAsync(instance, "recordComplaint");
        var agent = await PageSession.SignInAsync(_host, "agent");
        var agent2 = await PageSession.SignInAsync(_host, "agent2");

        await agent.PageAsync($"/tasks/{taskId}");
        await ApiClient.Expect(await agent.PostFormAsync($"/tasks/{taskId}?handler=Claim", []), HttpStatusCode.Redirect);

        Assert.Equal(["C-2"], Keys(await agent.PageAsync("/inbox")));
        Assert.Equal("Claimed by me", agent.Text("data-testid", "assignee"));
        Assert.Empty(Keys(await agent2.PageAsync("/inbox")));
        Assert.Contains("data-testid=\"inbox-empty\"", agent2.Html);
    }

    [Fact]
    public async Task The_inbox_speaks_Chinese_to_a_Chinese_browser()
    {
        await CallbackProcess.StartAsync(_host, "late", _now.AddHours(-1));
        var agent = await PageSession.SignInAsync(_host, "agent", "zh-CN");

        var html = await agent.PageAsync("/inbox");

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<h1 class=\"h4 mb-3\">待办任务</h1>", html);
        Assert.Contains("全部流程", html);
        Assert.Contains("今天到期", html);
        Assert.Equal("未认领", agent.Text("data-testid", "assignee"));
        Assert.Contains(">已超时</span>", html);
    }

    [Fact]
    public void Due_today_ends_at_midnight_in_the_users_time_zone()
    {
        var evening = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero), InboxModel.EndOfToday(evening, "Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), InboxModel.EndOfToday(evening, "UTC"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), InboxModel.EndOfToday(evening, "Not/AZone"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), InboxModel.EndOfToday(evening, "America/New_York"));
    }

    private static List<(string Key, string Sla)> Rows(string html) =>
        [.. Regex.Matches(html, "data-testid=\"inbox-row\" data-task-id=\"[^\"]+\" data-business-key=\"([^\"]*)\" data-sla=\"([^\"]+)\"")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    private static List<string> Keys(string html) => [.. Rows(html).Select(r => r.Key)];
}
