using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// A start the process's starter lists refuse is a 403 problem naming the caller and the process,
/// never the starters (moved here from the hotline-call scenario tests, which now run without HTTP).
/// </summary>
public sealed class StartRefusalApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task An_agent_may_not_start_a_hotline_call_through_the_api()
    {
        var agent = await service.As("agent");

        var refused = await agent.PostAsync("/api/instances",
            new { definitionKey = "hotline-call", variables = new { callId = "fake-1", from = "+86 10 0", to = "400", ringSeconds = 5 } });

        await ApiClient.Expect(refused, System.Net.HttpStatusCode.Forbidden);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("agent may not start process 'hotline-call'", detail);
        Assert.DoesNotContain("pbx", detail);
        var admin = await service.As("admin");
        var calls = await admin.GetJsonAsync("/api/instances?definitionKey=hotline-call&take=500");
        Assert.DoesNotContain(calls.EnumerateArray(), i => i.GetProperty("businessKey").GetString() == "fake-1");
    }
}
