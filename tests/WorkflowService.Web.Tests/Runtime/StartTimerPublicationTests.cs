using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Runtime;

/// <summary>
/// A start timer that cannot be scheduled when the process is published (a cycle whose firings
/// all lie in the past) refuses the publication with a 400 naming the start event; nothing of it
/// stays behind, and the next publication runs its own process.
/// </summary>
public sealed class StartTimerPublicationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_cycle_with_no_firing_left_is_refused_naming_the_start_event_and_leaves_nothing_behind()
    {
        var owner = await service.As("owner");

        var refused = await owner.PostXmlAsync("/api/definitions", TestBpmn.TimerStart("expired-cycle", "R3/2020-01-01T00:00:00Z/P1D"));

        await ApiClient.Expect(refused, HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("tick", error.GetProperty("elementId").GetString());
        Assert.Contains("cannot be scheduled", error.GetProperty("message").GetString());
        await ApiClient.Expect(await owner.GetAsync("/api/definitions/expired-cycle/versions"), HttpStatusCode.NotFound);

        await owner.DeployAsync(TestBpmn.WaitThenTask("after-refusal", "PT1H"));
        var id = await owner.StartAsync("after-refusal");
        ServiceFixture.AssertShape(await owner.InstanceAsync(id), "Running", ["wait"], ("wait", service.Clock.GetUtcNow().AddHours(1)));
    }
}
