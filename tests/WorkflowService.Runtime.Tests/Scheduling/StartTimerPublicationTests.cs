using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// A start timer that cannot be scheduled when the process is published (a cycle whose firings
/// all lie in the past) refuses the publication with an error naming the start event; nothing of
/// it stays behind, and the next publication runs its own process.
/// </summary>
public sealed class StartTimerPublicationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_cycle_with_no_firing_left_is_refused_naming_the_start_event_and_leaves_nothing_behind()
    {
        var owner = service.As("owner");

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            owner.DeployAsync(TestBpmn.TimerStart("expired-cycle", "R3/2020-01-01T00:00:00Z/P1D")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("tick", error.ElementId);
        Assert.Contains("cannot be scheduled", error.Message);
        Assert.False(await service.Host.ReadAsync(db => db.Definitions.AnyAsync(d => d.Key == "expired-cycle")),
            "a version of the refused process was stored");

        await owner.DeployAsync(TestBpmn.WaitThenTask("after-refusal", "PT1H"));
        var id = await owner.StartAsync("after-refusal");
        AssertShape(await owner.InstanceAsync(id), "Running", ["wait"], ("wait", service.Clock.GetUtcNow().AddHours(1)));
    }
}
