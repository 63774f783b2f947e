using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// On the real clock and real Hangfire, which runs a job up to a second early (it keeps
/// schedules in whole seconds) so that the job waits for the due time itself, and with system
/// timers that end such a wait early: a dozen SLA timers falling due a few milliseconds apart
/// each fire once, never before their due time. How late they fire is measured by the runtime
/// benchmark (<c>TimerProbe</c>), not here: a wall-clock bound fails on a loaded machine.
/// </summary>
public sealed class LiveTimerTests(EarlyTimerRuntime runtime) : IClassFixture<EarlyTimerRuntime>
{
    private const int Instances = 12;
    private static readonly TimeSpan Apart = TimeSpan.FromMilliseconds(77);

    [Fact]
    public async Task Timers_falling_due_together_each_fire_once_and_never_early()
    {
        var owner = runtime.As("owner");
        var key = await owner.DeployAsync(TestBpmn.TaskWithSlaTimer("live-sla", "PT2S", "live-sla"));
        var ids = new List<Guid>();
        for (var i = 0; i < Instances; i++)
        {
            ids.Add(await owner.StartAsync(key, businessKey: $"live-{i}"));
            await Task.Delay(Apart); // due times spread across a second boundary
        }

        var late = new List<TimeSpan>();
        foreach (var id in ids)
        {
            var breach = Assert.Single(await Poll.ForAsync(() => owner.BreachesAsync(id, "live-sla"), b => b.Count > 0,
                $"the timer of {id} has fired"));
            late.Add(breach.DetectedAt - breach.DueAt);
        }
        await runtime.Host.WaitForIdleJobsAsync();

        foreach (var id in ids) Assert.Single(await owner.BreachesAsync(id));
        Assert.All(late, l => Assert.True(l >= TimeSpan.Zero, $"a timer fired {-l.TotalMilliseconds} ms early"));
    }
}
