using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

public sealed class TelephonyApiTests(TelephonyHost shared) : IClassFixture<TelephonyHost>, IAsyncLifetime
{
    private readonly WorkflowHost _host = shared.Host;
    private ApiClient _admin = null!;
    private Telephony _pbx = null!;

    public async Task InitializeAsync()
    {
        _admin = await _host.LoginAsync("admin");
        _pbx = new Telephony(_host.CreateClient());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_event_without_the_secret_or_with_a_wrong_one_is_refused_and_starts_nothing()
    {
        var callId = Telephony.NewCallId();

        var none = await new Telephony(_host.CreateClient(), secret: null).RingAsync(callId);
        var wrong = await new Telephony(_host.CreateClient(), secret: "not-the-telephony-secret").RingAsync(callId);

        await ApiClient.Expect(none, HttpStatusCode.Unauthorized);
        await ApiClient.Expect(wrong, HttpStatusCode.Unauthorized);
        Assert.Empty(await CallsAsync(callId));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_with_the_secret_and_401_without()
    {
        var callId = Telephony.NewCallId();
        StringContent Xml() => new($"<ringing callId=\"{callId}\"/>", Encoding.UTF8, "application/xml");

        var withSecret = await _pbx.SendAsync(Xml());
        var wrongSecret = await new Telephony(_host.CreateClient(), secret: "not-the-telephony-secret").SendAsync(Xml());
        var noSecret = await new Telephony(_host.CreateClient(), secret: null).SendAsync(Xml());

        await ApiClient.ExpectProblemAsync(withSecret, HttpStatusCode.UnsupportedMediaType);
        await ApiClient.ExpectProblemAsync(wrongSecret, HttpStatusCode.Unauthorized);
        await ApiClient.ExpectProblemAsync(noSecret, HttpStatusCode.Unauthorized);
        Assert.Empty(await CallsAsync(callId));
    }

    [Fact]
    public async Task The_api_document_describes_the_event_body()
    {
        var admin = await PageSession.SignInAsync(_host, "admin");
        using var doc = JsonDocument.Parse(await admin.PageAsync("/openapi/v1.json"));

        var body = doc.RootElement.GetProperty("paths").GetProperty("/api/telephony/events").GetProperty("post").GetProperty("requestBody");
        Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _), body.ToString());
    }

    [Fact]
    public async Task A_bearer_token_does_not_replace_the_secret()
    {
        var response = await new Telephony(_admin.Http, secret: null).RingAsync(Telephony.NewCallId());

        await ApiClient.Expect(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_configured_secret_the_webhook_refuses_everything()
    {
        await using var host = new WorkflowHost();
        var response = await new Telephony(host.CreateClient(), secret: "").RingAsync(Telephony.NewCallId());

        await ApiClient.Expect(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_ringing_call_starts_one_instance_however_often_the_pbx_repeats_it()
    {
        var callId = Telephony.NewCallId();

        var first = await _pbx.RingAsync(callId, from: "+86 10 5555 0100");
        var again = await _pbx.RingAsync(callId);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _pbx.RingAsync(callId)));

        await ApiClient.Expect(first, HttpStatusCode.Created);
        await ApiClient.Expect(again, HttpStatusCode.OK);
        foreach (var response in concurrent) await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal("alreadyRinging", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var call = Assert.Single(await CallsAsync(callId));
        var instance = await _admin.InstanceAsync(call);
        Assert.Equal(["answerCall"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
        var variables = instance.GetProperty("variables");
        Assert.Equal(("+86 10 5555 0100", 5), (variables.GetProperty("from").GetString(), variables.GetProperty("ringSeconds").GetInt32()));
    }

    [Fact]
    public async Task An_answered_event_completes_answerCall_for_the_user_at_that_extension()
    {
        var callId = Telephony.NewCallId();
        await _pbx.RingAsync(callId);

        var answered = await _pbx.AnsweredAsync(callId, to: "agent");
        var repeated = await _pbx.AnsweredAsync(callId, to: "agent2");

        await ApiClient.Expect(answered, HttpStatusCode.OK);
        await ApiClient.Expect(repeated, HttpStatusCode.OK);
        Assert.Equal("alreadyAnswered", (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var instance = await _admin.InstanceAsync(Assert.Single(await CallsAsync(callId)));
        Assert.Equal(["logCall"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("agent", instance.GetProperty("variables").GetProperty("answeredBy").GetString());
        var agent = await _host.LoginAsync("agent");
        await agent.TaskIdAsync(instance.GetProperty("id").GetGuid(), "logCall");
    }

    [Fact]
    public async Task An_extension_that_is_no_user_is_recorded_as_the_pbx_number()
    {
        var callId = Telephony.NewCallId();
        await _pbx.RingAsync(callId);

        await ApiClient.Expect(await _pbx.AnsweredAsync(callId, to: "8021"), HttpStatusCode.OK);

        var instance = await _admin.InstanceAsync(Assert.Single(await CallsAsync(callId)));
        Assert.Equal("pbx:8021", instance.GetProperty("variables").GetProperty("answeredBy").GetString());
    }

    [Fact]
    public async Task A_caller_hanging_up_before_an_answer_records_the_call_as_missed_and_waits_for_the_call_back()
    {
        var callId = Telephony.NewCallId();
        await _pbx.RingAsync(callId);

        var ended = await _pbx.EndedAsync(callId);
        var again = await _pbx.EndedAsync(callId);
        var lateAnswer = await _pbx.AnsweredAsync(callId, to: "agent");

        await ApiClient.Expect(ended, HttpStatusCode.OK);
        Assert.Equal("missed", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        await ApiClient.Expect(again, HttpStatusCode.OK);
        await ApiClient.Expect(lateAnswer, HttpStatusCode.OK);
        var id = Assert.Single(await CallsAsync(callId));
        var instance = await _admin.InstanceAsync(id);
        Assert.Equal("Running", instance.GetProperty("status").GetString());
        Assert.Equal(["callBack"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
        var history = await _admin.GetJsonAsync($"/api/instances/{id}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("elementId").GetString() == "missedCall");
    }

    [Fact]
    public async Task A_hang_up_after_the_answer_changes_nothing()
    {
        var callId = Telephony.NewCallId();
        await _pbx.RingAsync(callId);
        await _pbx.AnsweredAsync(callId, to: "agent");

        var ended = await _pbx.EndedAsync(callId);

        Assert.Equal("alreadyOver", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var instance = await _admin.InstanceAsync(Assert.Single(await CallsAsync(callId)));
        Assert.Equal(["logCall"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("answered")]
    [InlineData("ended")]
    public async Task Answered_or_ended_for_a_call_that_never_rang_is_404(string kind)
    {
        var response = await _pbx.SendAsync(new { callId = Telephony.NewCallId(), @event = kind, to = "agent" });

        await ApiClient.Expect(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"event":"ringing","from":"+86 1","to":"400"}""", "callId")]
    [InlineData("""{"callId":"c-1","from":"+86 1","to":"400"}""", "event")]
    [InlineData("""{"callId":"c-1","event":"dialling","from":"+86 1","to":"400"}""", "event")]
    [InlineData("""{"callId":"c-1","event":"ringing","to":"400"}""", "from")]
    [InlineData("""{"callId":"c-1","event":"answered"}""", "to")]
    [InlineData("""{"callId":"c-1","event":"ringing","from":"+86 1","to":"400","at":"yesterday"}""", "at")]
    [InlineData("""{"callId":"c-1","event":"ringing","from":"+86 1","to":"400"}}""", "body")]
    [InlineData("""{"callId":42,"event":"ringing","from":"+86 1","to":"400"}""", "body")]
    public async Task An_invalid_event_is_a_400_naming_the_field(string json, string field)
    {
        var response = await _pbx.SendJsonAsync(json);

        await ApiClient.Expect(response, HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    private async Task<List<Guid>> CallsAsync(string callId)
    {
        var list = await _admin.GetJsonAsync("/api/instances?definitionKey=hotline-call&take=500");
        return list.EnumerateArray().Where(i => i.GetProperty("businessKey").GetString() == callId)
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
