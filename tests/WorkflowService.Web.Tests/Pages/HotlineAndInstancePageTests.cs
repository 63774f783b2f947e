using WorkflowService.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// The hotline, instance and breach pages: who may open them and use their actions, and that no
/// form post is accepted without the page's antiforgery token. Rings last one second here.
/// </summary>
public sealed class HotlineAndInstancePageTests(QuickRingHost shared) : IClassFixture<QuickRingHost>
{
    private readonly WorkflowHost _host = shared.Host;

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    [InlineData("manager")]
    [InlineData("owner")]
    public async Task The_phone_simulator_is_refused_to_everyone_but_admins(string user)
    {
        var session = await PageSession.SignInAsync(_host, user);

        PageSession.AssertDenied(await session.GetAsync("/phone"));
        PageSession.AssertDenied(await session.PostFormAsync("/phone?handler=Ringing", Call(Telephony.NewCallId())));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    public async Task The_breaches_page_is_refused_to_agents_and_engineers(string user)
    {
        var session = await PageSession.SignInAsync(_host, user);

        PageSession.AssertDenied(await session.GetAsync("/breaches"));
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task Managers_process_owners_and_admins_see_the_breaches(string user)
    {
        var session = await PageSession.SignInAsync(_host, user);

        await session.GetPageAsync("/breaches");
    }

    [Fact]
    public async Task Staff_see_instances_with_their_diagram_but_agents_may_not_retry_or_cancel()
    {
        var id = await RingAsync(Telephony.NewCallId());
        var agent = await PageSession.SignInAsync(_host, "agent");

        Assert.Contains("data-instance-id=\"" + id, await agent.GetPageAsync("/instances?process=hotline-call"));
        var details = await agent.GetPageAsync($"/instances/{id}");
        Assert.Contains("instance-diagram-data", details);
        Assert.DoesNotContain("cancel-form", details);
        PageSession.AssertDenied(await agent.PostFormAsync($"/instances/{id}?handler=Cancel", new() { ["reason"] = "prank" }));
        PageSession.AssertDenied(await agent.PostFormAsync($"/instances/{id}?handler=Retry", new() { ["incidentId"] = "1" }));
        Assert.Equal("Running", await StatusAsync(id));

        // The process by its name in the reader's language, not its key.
        var zh = await PageSession.SignInAsync(_host, "agent", "zh-CN");
        await zh.PageAsync("/instances?process=hotline-call");
        Assert.StartsWith("来电", zh.Text("data-instance-id", id.ToString()));
        await zh.PageAsync($"/instances/{id}");
        Assert.StartsWith("来电", zh.Text("data-process", "hotline-call"));
        await agent.PageAsync($"/instances/{id}");
        Assert.StartsWith("Hotline call", agent.Text("data-process", "hotline-call"));
    }

    [Fact]
    public async Task A_manager_cancels_an_instance_from_its_page()
    {
        var id = await RingAsync(Telephony.NewCallId());
        var manager = await PageSession.SignInAsync(_host, "manager");
        Assert.Contains("cancel-form", await manager.GetPageAsync($"/instances/{id}"));

        var response = await manager.PostFormAsync($"/instances/{id}?handler=Cancel", new() { ["reason"] = "test call" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Cancelled", await StatusAsync(id));
    }

    [Theory]
    [InlineData("admin", "/phone?handler=Ringing")]
    [InlineData("admin", "/phone?handler=NewCall")]
    [InlineData("manager", "/instances/{id}?handler=Cancel")]
    [InlineData("manager", "/instances/{id}?handler=Retry")]
    [InlineData("agent", "/hotline/calls?handler=Answer")]
    public async Task Every_form_post_needs_the_antiforgery_token(string user, string url)
    {
        var callId = Telephony.NewCallId();
        var id = await RingAsync(callId);
        var session = await PageSession.SignInAsync(_host, user);
        var fields = Call(callId);
        fields["incidentId"] = "1";
        fields["taskId"] = (await AnswerTaskAsync(id)).ToString();

        var response = await session.PostFormAsync(url.Replace("{id}", id.ToString()), fields, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Running", await StatusAsync(id));
        Assert.Equal(["answerCall"], await ActiveAsync(id));
    }

    [Fact]
    public async Task The_phone_simulator_rings_a_call_through_the_telephony_service()
    {
        var callId = Telephony.NewCallId();
        var admin = await PageSession.SignInAsync(_host, "admin");

        var response = await admin.PostFormAsync("/phone?handler=Ringing", Call(callId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("data-outcome=\"started\"", page);
        Assert.Contains($"data-call-id=\"{callId}\" data-state=\"Ringing\"", page);
    }

    [Fact]
    public async Task The_phone_simulator_keeps_what_was_typed_and_names_the_refused_field()
    {
        var admin = await PageSession.SignInAsync(_host, "admin");

        var response = await admin.PostFormAsync("/phone?handler=Ringing",
            new() { ["CallId"] = Telephony.NewCallId(), ["From"] = "", ["To"] = "400-820-8820" });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-field=\"from\"", page);
        Assert.Contains("value=\"400-820-8820\"", page);
    }

    [Fact]
    public async Task The_first_agent_to_answer_gets_the_call_and_the_second_is_told_who()
    {
        var id = await RingAsync(Telephony.NewCallId());
        var taskId = await AnswerTaskAsync(id);
        var agent = await PageSession.SignInAsync(_host, "agent");
        var agent2 = await PageSession.SignInAsync(_host, "agent2");
        var fields = new Dictionary<string, string> { ["taskId"] = taskId.ToString() };

        var first = await agent.PostFormAsync("/hotline/calls?handler=Answer", fields);
        var second = await agent2.PostFormAsync("/hotline/calls?handler=Answer", fields);

        await ApiClient.Expect(first, HttpStatusCode.OK);
        Assert.StartsWith("/tasks/", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString());
        await ApiClient.Expect(second, HttpStatusCode.Conflict);
        Assert.Equal("agent", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("takenBy").GetString());
        Assert.Equal(["logCall"], await ActiveAsync(id));
    }

    [Fact]
    public async Task A_page_opened_while_a_call_rings_shows_it_to_agents_on_hotline_duty_only()
    {
        var callId = Telephony.NewCallId();
        await RingAsync(callId, from: "+86 21 6000 1234");
        var agent = await PageSession.SignInAsync(_host, "agent");
        var manager = await PageSession.SignInAsync(_host, "manager");

        var agentPage = await agent.GetPageAsync("/instances");
        var managerPage = await manager.GetPageAsync("/instances");

        Assert.Contains($"data-call-id=\"{callId}\"", agentPage);
        Assert.Contains("+86 21 6000 1234", WebUtility.HtmlDecode(agentPage));
        Assert.DoesNotContain($"data-call-id=\"{callId}\"", managerPage);
    }

    [Fact]
    public async Task A_call_not_answered_within_three_rings_is_listed_as_a_breach_with_who_was_on_it()
    {
        var callId = Telephony.NewCallId();
        var id = await RingAsync(callId);
        var manager = await PageSession.SignInAsync(_host, "manager");

        var page = await Poll.ForAsync(() => manager.GetPageAsync("/breaches?rule=three-rings"),
            html => html.Contains($"data-instance-id=\"{id}\""), "the three-rings breach is listed", TimeSpan.FromSeconds(20));

        var row = page[page.IndexOf($"data-instance-id=\"{id}\"", StringComparison.Ordinal)..];
        Assert.Contains(callId, row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        // Nobody had answered and no roster names anyone on duty: no person is charged (the cell's title says the
        // process's responsible property, the agents on duty, named nobody), the on-duty group is.
        Assert.Matches("data-testid=\"responsible\"( title=\"[^\"]*\")?>—<", row);
        Assert.Contains("data-testid=\"responsible-group\">hotline<", row);
        Assert.DoesNotContain($"data-instance-id=\"{id}\"", await manager.GetPageAsync("/breaches?rule=acceptance-24h"));
    }

    private static Dictionary<string, string> Call(string callId) =>
        new() { ["CallId"] = callId, ["From"] = "+86 139 0571 2233", ["To"] = "400-820-8820", ["Extension"] = "agent" };

    private async Task<Guid> RingAsync(string callId, string from = "+86 139 0571 2233")
    {
        var response = await new Telephony(_host.CreateClient()).RingAsync(callId, from);
        await ApiClient.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid();
    }

    private async Task<Guid> AnswerTaskAsync(Guid instanceId) => await (await _host.LoginAsync("admin")).TaskIdAsync(instanceId, "answerCall");

    private async Task<string?> StatusAsync(Guid id) =>
        (await (await _host.LoginAsync("admin")).InstanceAsync(id)).GetProperty("status").GetString();

    private async Task<List<string?>> ActiveAsync(Guid id) =>
        (await (await _host.LoginAsync("admin")).InstanceAsync(id)).GetProperty("activeElementIds").EnumerateArray()
        .Select(e => e.GetString()).ToList();
}
