using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Runtime;

/// <summary>
/// On the real clock and real Hangfire, which runs a job up to a second early (it keeps
/// schedules in whole seconds) so that the job waits for the due time itself, and with system
/// timers that end such a wait early: a dozen SLA timers falling due a few milliseconds apart
/// each fire once, never before their due time, and on time: one waiting job holds up no other.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LiveTimerTests(EarlyTimerService service) : IClassFixture<EarlyTimerService>
{
    private const int Instances = 12;
    private static readonly TimeSpan Apart = TimeSpan.FromMilliseconds(77);
    private static readonly TimeSpan OnTime = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Timers_falling_due_together_each_fire_once_never_early_and_on_time()
    {
        var owner = await service.As("owner");
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
            late.Add(breach.GetProperty("detectedAt").GetDateTimeOffset() - breach.GetProperty("dueAt").GetDateTimeOffset());
        }
        await service.Host.WaitForIdleJobsAsync();

        foreach (var id in ids) Assert.Single(await owner.BreachesAsync(id));
        Assert.All(late, l => Assert.True(l >= TimeSpan.Zero, $"a timer fired {-l.TotalMilliseconds} ms early"));
        // The slowest may pay for a cold start; the others must not queue behind one another.
        Assert.All(late.Order().SkipLast(1), l => Assert.True(l <= OnTime,
            $"fired {l.TotalMilliseconds:F0} ms late; all: {string.Join(", ", late.Select(x => x.TotalMilliseconds.ToString("F0")))}"));
    }
}

/// <summary>Tests that measure lateness run alone, not while other classes load the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
