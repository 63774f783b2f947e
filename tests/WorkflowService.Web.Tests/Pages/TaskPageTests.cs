using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

public sealed class TaskPageTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();

    /// <summary>The repair's first task, the desk's acceptance: what the order does not know (the fault) and the customer told.</summary>
    private static readonly Dictionary<string, string> ValidAcceptance = new()
    {
        ["form.fault"] = "No power", ["form.customerInformed"] = "true", ["form.acceptanceNote"] = "Engineer calls tomorrow",
    };

    public Task InitializeAsync() => CallbackProcess.DeployAsync(_host);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_form_has_the_input_each_field_type_needs()
    {
        var instance = await CallbackProcess.StartAsync(_host, "T-1", DateTimeOffset.UtcNow.AddDays(1));
        var taskId = await _host.OpenTaskAsync(instance, "callBack");
        var agent = await PageSession.SignInAsync(_host, "agent");

        await agent.PageAsync($"/tasks/{taskId}");

        Assert.Matches("(?s)type=\"text\".*value=\"T-1\".*readonly=\"readonly\"", agent.Tag("name", "form.ticket"));
        Assert.Matches("(?s)type=\"number\".*min=\"1\" max=\"5\"", agent.Tag("name", "form.attempts"));
        Assert.Matches("(?s)type=\"date\".*min=\"2020-01-01\"", agent.Tag("name", "form.nextContact"));
        Assert.Matches("minlength=\"3\" maxlength=\"100\"", agent.Tag("name", "form.note"));
        Assert.Contains("required=\"required\"", agent.Tag("name", "form.reached"));
        Assert.Equal("", agent.SelectedOption("form.reached"));
        Assert.Contains("<option value=\"\">— not answered —</option>", agent.Html);
        Assert.Contains("<option value=\"visit\">Visit (上门)</option>", agent.Html);
        Assert.Contains("<label class=\"form-label\" for=\"field-attempts\">", agent.Html);
        Assert.Contains("Attempts (次数)", agent.Html);
        Assert.Contains("novalidate", agent.Tag("id", "task-form"));
        Assert.Contains($"href=\"/instances/{instance}\"", agent.Html);
    }

    [Fact]
    public async Task A_task_outside_my_groups_is_not_found_on_its_page_nor_on_complete()
    {
        var instance = await _host.StartAsync("repair", "R-1");
        var taskId = await _host.OpenTaskAsync(instance, "acceptRequest");
        var agent = await PageSession.SignInAsync(_host, "agent");

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/tasks/{taskId}")).StatusCode);
        await agent.PageAsync("/inbox");
        var complete = await agent.PostFormAsync($"/tasks/{taskId}?handler=Complete", ValidAcceptance);
        var claim = await agent.PostFormAsync($"/tasks/{taskId}?handler=Claim", []);

        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal(["acceptRequest"], await _host.ActiveElementsAsync(instance));
    }

    [Theory]
    [InlineData("Claim")]
    [InlineData("Unclaim")]
    [InlineData("Complete")]
    public async Task A_post_without_the_antiforgery_token_is_refused(string handler)
    {
        var instance = await _host.StartAsync("repair", "R-2");
        var taskId = await _host.OpenTaskAsync(instance, "acceptRequest");
        var desk = await PageSession.SignInAsync(_host, "desk");
        await desk.PageAsync($"/tasks/{taskId}");

        var response = await desk.PostFormAsync($"/tasks/{taskId}?handler={handler}", ValidAcceptance, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["acceptRequest"], await _host.ActiveElementsAsync(instance));
        Assert.Equal("Nobody yet: claim it to take it on", (await Reload(desk, taskId)).Text("data-testid", "task-assignee"));
    }

    [Fact]
    public async Task Claim_give_back_and_complete_round_trip_with_conflicts_told_plainly()
    {
        var instance = await _host.StartAsync("complaint", "C-1");
        var taskId = await _host.OpenTaskAsync(instance, "recordComplaint");
        var agent = await PageSession.SignInAsync(_host, "agent");
        var agent2 = await PageSession.SignInAsync(_host, "agent2");
        await agent.PageAsync($"/tasks/{taskId}");
        await agent2.PageAsync($"/tasks/{taskId}");

        await ApiClient.Expect(await agent.PostFormAsync($"/tasks/{taskId}?handler=Claim", []), HttpStatusCode.Redirect);
        Assert.Equal("You", (await Reload(agent, taskId)).Text("data-testid", "task-assignee"));
        Assert.Contains("data-testid=\"unclaim\"", agent.Html);

        var taken = await agent2.PostFormAsync($"/tasks/{taskId}?handler=Claim", []);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("This task is claimed by agent.", agent2.Text("data-testid", "task-conflict"));
        Assert.Equal(HttpStatusCode.Conflict, (await agent2.GetAsync($"/tasks/{taskId}")).StatusCode);

        await ApiClient.Expect(await agent.PostFormAsync($"/tasks/{taskId}?handler=Unclaim", []), HttpStatusCode.Redirect);
        await agent2.PageAsync($"/tasks/{taskId}");
        Assert.Contains("data-testid=\"claim\"", agent2.Html);
        await ApiClient.Expect(await agent2.PostFormAsync($"/tasks/{taskId}?handler=Claim", []), HttpStatusCode.Redirect);
        await Reload(agent2, taskId);
        var done = await agent2.PostFormAsync($"/tasks/{taskId}?handler=Complete", new()
        {
            ["form.category"] = "delay", ["form.description"] = "Repair took three weeks",
            ["form.owner"] = "agent2",
        });

        await ApiClient.Expect(done, HttpStatusCode.Redirect);
        Assert.Equal($"/tasks/{taskId}", done.Headers.Location!.OriginalString);
        Assert.Contains("verifyFacts", await _host.ActiveElementsAsync(instance));
        Assert.Equal("Completed by agent2.", (await Reload(agent2, taskId)).Text("data-testid", "task-closed"));
        Assert.Contains("data-event=\"left\" data-element=\"recordComplaint\"", agent2.Html);
        Assert.Contains("by agent2", agent2.Html);
        Assert.Contains("data-event=\"entered\" data-element=\"verifyFacts\"", agent2.Html);

        var again = await agent.PostFormAsync($"/tasks/{taskId}?handler=Complete", []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This task was already completed by agent2.", agent.Text("data-testid", "task-conflict"));
    }

    [Fact]
    public async Task A_refused_value_is_shown_next_to_its_field_and_everything_typed_is_kept()
    {
        var instance = await _host.StartAsync("repair", "R-3");
        var taskId = await _host.OpenTaskAsync(instance, "acceptRequest");
        var desk = await PageSession.SignInAsync(_host, "desk");
        await desk.PageAsync($"/tasks/{taskId}");

        var response = await desk.PostFormAsync($"/tasks/{taskId}?handler=Complete",
            new(ValidAcceptance) { ["form.fault"] = "", ["form.acceptanceNote"] = new string('x', 1001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Fault is required.", desk.Text("data-error-for", "fault"));
        Assert.Equal("Acceptance note must be at most 1000 characters long.", desk.Text("data-error-for", "acceptanceNote"));
        Assert.Contains("is-invalid", desk.Tag("name", "form.fault"));
        Assert.Contains("aria-describedby=\"field-fault-error\"", desk.Tag("name", "form.fault"));
        Assert.Contains($">{new string('x', 1001)}</textarea>", desk.Html);
        Assert.Equal("true", desk.SelectedOption("form.customerInformed"));
        Assert.DoesNotContain("data-error-for=\"customerInformed\"", desk.Html);
        Assert.Contains("data-testid=\"form-refused\"", desk.Html);
        Assert.Equal(["acceptRequest"], await _host.ActiveElementsAsync(instance));

        await ApiClient.Expect(await desk.PostFormAsync($"/tasks/{taskId}?handler=Complete", ValidAcceptance), HttpStatusCode.Redirect);
        Assert.Equal(["dispatchEngineer"], await _host.ActiveElementsAsync(instance));
    }

    [Fact]
    public async Task The_task_page_and_its_errors_speak_Chinese_to_a_Chinese_browser()
    {
        var instance = await _host.StartAsync("repair", "R-4");
        var taskId = await _host.OpenTaskAsync(instance, "acceptRequest");
        var desk = await PageSession.SignInAsync(_host, "desk", "zh-CN");
        await desk.PageAsync($"/tasks/{taskId}");
        Assert.Contains(">认领</button>", desk.Html);
        Assert.Contains("<option value=\"true\">是</option>", desk.Html);

        await desk.PostFormAsync($"/tasks/{taskId}?handler=Complete",
            new(ValidAcceptance) { ["form.fault"] = "", ["form.customerInformed"] = "" });

        Assert.Equal("请填写故障描述。", desk.Text("data-error-for", "fault"));
        Assert.Equal("请填写已告知客户受理情况。", desk.Text("data-error-for", "customerInformed"));
        Assert.Contains("部分内容未通过校验", desk.Html);
        Assert.Contains("处理记录", desk.Html);
    }

    private static async Task<PageSession> Reload(PageSession session, Guid taskId)
    {
        await session.PageAsync($"/tasks/{taskId}");
        return session;
    }
}
