using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>
/// The duty roster (值班表) in the running service: kept through the API, it decides who a ringing call is for (only
/// they get the banner, and the three-rings breach is charged to them) and, outside working time, forwards the call
/// and opens its call-back at the start of the next working period.
/// </summary>
public sealed class HotlineRosterTests(RosterHost service) : IClassFixture<RosterHost>
{
    private static readonly TimeOnly Morning = new(8, 30), Evening = new(17, 30);

    private WorkflowHost Host => service.Host;

    private async Task<JsonElement> SaveRosterAsync(object[] weekly, object[]? changes = null, string? forwardingMobile = null)
    {
        var admin = await service.As("admin");
        var revision = (await admin.GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32();
        var response = await admin.Http.PutAsJsonAsync("/api/hotline/roster", new { weekly, changes = changes ?? [], forwardingMobile, revision });
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Shift(string day, string start, string end, params string[] agents) => new { day, start, end, agents };

    private async Task<(string CallId, Guid Id)> RingAsync(string from = "+86 139 0571 2233")
    {
        var callId = Telephony.NewCallId();
        var response = await new Telephony(Host.CreateClient()).RingAsync(callId, from);
        await ApiClient.Expect(response, HttpStatusCode.Created);
        return (callId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetGuid());
    }

    private static string? Variable(JsonElement instance, string name) =>
        instance.GetProperty("variables").TryGetProperty(name, out var v) ? v.GetString() : null;

    [Fact]
    public async Task Managers_and_admins_replace_the_roster_whole_and_a_stale_or_invalid_one_is_refused()
    {
        var agent = await service.As("agent");
        var refused = await agent.Http.PutAsJsonAsync("/api/hotline/roster", new { weekly = Array.Empty<object>(), revision = 0 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var saved = await SaveRosterAsync([Shift("monday", "08:30", "12:00", " agent ", "agent")], forwardingMobile: " 138 0013 8000 ");

        var shift = Assert.Single(saved.GetProperty("weekly").EnumerateArray());
        Assert.Equal(("monday", "08:30:00", "12:00:00"), (shift.GetProperty("day").GetString(), shift.GetProperty("start").GetString(), shift.GetProperty("end").GetString()));
        Assert.Equal(["agent"], ApiClient.Strings(shift.GetProperty("agents")));
        Assert.Equal(("138 0013 8000", "admin"), (saved.GetProperty("forwardingMobile").GetString(), saved.GetProperty("updatedBy").GetString()));
        // Anyone signed in may read it.
        Assert.Equal(saved.GetProperty("revision").GetInt32(), (await agent.GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32());

        var admin = await service.As("admin");
        var stale = await admin.Http.PutAsJsonAsync("/api/hotline/roster",
            new { weekly = Array.Empty<object>(), revision = saved.GetProperty("revision").GetInt32() - 1 });
        await ApiClient.ExpectProblemAsync(stale, HttpStatusCode.Conflict);
        var backwards = await admin.Http.PutAsJsonAsync("/api/hotline/roster",
            new { weekly = new[] { Shift("monday", "12:00", "08:30", "agent") }, revision = saved.GetProperty("revision").GetInt32() });
        var problem = await ApiClient.ExpectProblemAsync(backwards, HttpStatusCode.BadRequest);
        Assert.Contains("weekly[0].end", problem.ToString());
        // A typo would leave calls ringing for nobody.
        var nobody = await admin.Http.PutAsJsonAsync("/api/hotline/roster",
            new { weekly = new[] { Shift("monday", "08:30", "12:00", "agent"), Shift("friday", "08:30", "12:00", "agent", "wang.fnag") }, revision = saved.GetProperty("revision").GetInt32() });
        var unknown = await ApiClient.ExpectProblemAsync(nobody, HttpStatusCode.BadRequest);
        Assert.Contains("weekly[1].agents: 'wang.fnag' is not an enabled member of staff", unknown.ToString());
    }

    [Fact]
    public async Task On_duty_answers_who_a_call_at_a_given_moment_is_for()
    {
        await SaveRosterAsync([Shift("monday", "08:30", "17:30", "agent2")], forwardingMobile: "13800138000");
        var agent = await service.As("agent");
        var monday = service.Calendar.Next(DayOfWeek.Monday, new TimeOnly(9, 0), service.Clock.GetUtcNow());

        var inHours = await agent.GetJsonAsync($"/api/hotline/on-duty?at={Uri.EscapeDataString(monday.ToString("O"))}");
        var atNight = await agent.GetJsonAsync($"/api/hotline/on-duty?at={Uri.EscapeDataString(monday.AddHours(12).ToString("O"))}");

        Assert.Equal(["agent2"], ApiClient.Strings(inHours.GetProperty("onDuty")));
        Assert.False(inHours.GetProperty("forwarded").GetBoolean());
        Assert.True(atNight.GetProperty("forwarded").GetBoolean());
        Assert.Equal("13800138000", atNight.GetProperty("forwardedTo").GetString());
        Assert.Equal(service.Calendar.At(service.Calendar.DateOf(monday).AddDays(1), Morning), atNight.GetProperty("callBackAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_call_rings_only_for_the_agents_on_duty_and_its_three_rings_breach_is_charged_to_them()
    {
        await SaveRosterAsync([Shift("wednesday", "08:30", "17:30", "agent2")]);
        await service.MoveToAsync(DayOfWeek.Wednesday, new TimeOnly(10, 0));

        var (callId, id) = await RingAsync();

        var rang = await Poll.ForAsync(() => Task.FromResult(service.Hub.Of("callRinging", callId)), m => m.Count > 0, "the call rings");
        Assert.All(rang, m => Assert.Equal(["user:agent2"], m.Groups));
        var notOnDuty = await PageSession.SignInAsync(Host, "agent");
        var onDuty = await PageSession.SignInAsync(Host, "agent2");
        Assert.DoesNotContain(callId, await notOnDuty.PageAsync("/hotline/calls"));
        Assert.Contains(callId, await onDuty.PageAsync("/hotline/calls"));

        await service.AdvanceAsync(TimeSpan.FromSeconds(16));

        var manager = await service.As("manager");
        var breach = Assert.Single(await Poll.ForAsync(() => manager.BreachesAsync(id, "three-rings"), b => b.Count > 0, "the three-rings breach"));
        Assert.Equal(("agent2", "hotline"), (breach.GetProperty("responsible").GetString(), breach.GetProperty("responsibleGroup").GetString()));
    }

    [Fact]
    public async Task Nobody_on_duty_in_working_time_rings_the_whole_hotline_group()
    {
        await SaveRosterAsync([Shift("monday", "08:30", "12:00", "agent2")]);
        await service.MoveToAsync(DayOfWeek.Thursday, new TimeOnly(14, 0));

        var (callId, _) = await RingAsync();

        var rang = await Poll.ForAsync(() => Task.FromResult(service.Hub.Of("callRinging", callId)), m => m.Count > 0, "the call rings");
        Assert.All(rang, m => Assert.Equal(["group:hotline"], m.Groups));
        Assert.Contains(service.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
                                                   && e.Message.Contains("Nobody is on hotline duty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_disabled_since_the_roster_was_saved_is_not_on_duty_and_the_call_rings_for_the_group()
    {
        var name = "duty-" + Guid.NewGuid().ToString("N")[..8];
        await Host.CreateUserAsync(name, "agent", "agents", "hotline");
        await SaveRosterAsync([Shift("tuesday", "08:30", "17:30", name)]);
        await ApiClient.Expect(await (await service.As("admin")).PostAsync($"/api/users/{name}/disable"), HttpStatusCode.OK);
        await service.MoveToAsync(DayOfWeek.Tuesday, new TimeOnly(9, 0));

        var (callId, _) = await RingAsync();

        var rang = await Poll.ForAsync(() => Task.FromResult(service.Hub.Of("callRinging", callId)), m => m.Count > 0, "the call rings");
        Assert.All(rang, m => Assert.Equal(["group:hotline"], m.Groups));
    }

    [Fact]
    public async Task After_hours_a_call_is_forwarded_rings_no_banner_and_is_called_back_at_the_next_working_period()
    {
        await SaveRosterAsync([Shift("friday", "08:30", "17:30", "agent2")], forwardingMobile: "13800138000");
        await service.MoveToAsync(DayOfWeek.Friday, new TimeOnly(19, 45));
        var friday = service.Calendar.DateOf(service.Clock.GetUtcNow());
        var mondayMorning = service.Calendar.At(friday.AddDays(3), Morning);
        var mobile = "1371111" + Random.Shared.Next(1000, 9999);
        var customer = await Records.RecordsApiTests.AddCustomerAsync(await service.As("agent"), "夜间来电测试有限公司", "regular", ("吴工", null, mobile));

        var callId = Telephony.NewCallId();
        var response = await new Telephony(Host.CreateClient()).RingAsync(callId, mobile);
        await ApiClient.Expect(response, HttpStatusCode.Created);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = result.GetProperty("instanceId").GetGuid();
        // The PBX is told where to put the call through.
        Assert.Equal(("started", "13800138000"), (result.GetProperty("outcome").GetString(), result.GetProperty("forwardTo").GetString()));
        Assert.Equal(mondayMorning, result.GetProperty("callBackAt").GetDateTimeOffset());

        var admin = await service.As("admin");
        var instance = await admin.InstanceAsync(id);
        Assert.Equal("13800138000", Variable(instance, "forwardedTo"));
        Assert.Equal(mondayMorning, DateTimeOffset.Parse(Variable(instance, "callBackAt")!, System.Globalization.CultureInfo.InvariantCulture));
        ServiceFixture.AssertShape(instance, "Running", ["nextWorkingPeriod"], ("nextWorkingPeriod", mondayMorning));
        Assert.Empty(service.Hub.Of("callRinging", callId));
        var phone = await (await PageSession.SignInAsync(Host, "admin")).PageAsync("/phone");
        var row = phone[phone.IndexOf($"data-call-id=\"{callId}\"", StringComparison.Ordinal)..];
        Assert.Contains("forwarded to 13800138000", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        var calls = (await admin.GetJsonAsync($"/api/customers/{customer}")).GetProperty("calls");
        Assert.Equal("13800138000", Assert.Single(calls.EnumerateArray()).GetProperty("forwardedTo").GetString());
        var customerPage = await PageSession.SignInAsync(Host, "agent", "zh-CN");
        await customerPage.PageAsync($"/customers/{customer}");
        Assert.Contains("已转接至 13800138000", customerPage.Text("data-call", callId));

        await service.AdvanceAsync(mondayMorning - service.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Empty(await admin.TasksAsync(id));
        await service.AdvanceAsync(TimeSpan.FromSeconds(1));

        var callBack = Assert.Single(await Poll.ForAsync(() => admin.TasksAsync(id), t => t.Count > 0, "the call-back opens"));
        Assert.Equal("callBack", callBack.GetProperty("elementId").GetString());
        Assert.Empty(service.Hub.Of("callRinging", callId));
    }
}
