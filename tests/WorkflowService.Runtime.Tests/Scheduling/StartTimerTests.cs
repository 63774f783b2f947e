using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// A process with a timer start event starts its own instances, on the real clock and real
/// Hangfire: a cycle of two one-second repetitions starts exactly two, none before its due time.
/// </summary>
public sealed class StartTimerTests(RealClockRuntime runtime) : IClassFixture<RealClockRuntime>
{
    /// <summary>Twice, a second apart (ISO 8601 repeating interval).</summary>
    private const string TwiceASecondApart = "R2/PT1S";

    [Fact]
    public async Task A_timer_start_event_with_a_cycle_of_two_starts_exactly_two_instances_by_itself()
    {
        var owner = runtime.As("owner");
        var key = await owner.DeployAsync(TestBpmn.TimerStart("self-starting", TwiceASecondApart));

        await Poll.UntilAsync(async () => (await owner.InstancesAsync(key)).Count == 2, "the start timer has started two instances");
        var timers = await Poll.ForAsync(() => runtime.Host.ReadAsync(db => db.Timers.AsNoTracking()
                .Where(t => db.Definitions.Any(d => d.Id == t.DefinitionId && d.Key == key)).ToListAsync()),
            rows => rows.All(t => t.Status != TimerStatus.Pending), "no start timer is pending any more");
        await runtime.Host.WaitForIdleJobsAsync();

        Assert.Equal(2, timers.Count);
        Assert.All(timers, t => Assert.Equal(TimerStatus.Fired, t.Status));
        Assert.All(timers, t => Assert.True(t.FiredAt >= t.DueAt, $"fired at {t.FiredAt:O}, due at {t.DueAt:O}"));
        var instances = await owner.InstancesAsync(key);
        Assert.Equal(2, instances.Count);
        foreach (var summary in instances)
        {
            var instance = await owner.InstanceAsync(summary.Id);
            Assert.Equal("timer", instance.Instance.StartedBy);
            Assert.Equal(["started"], instance.ActiveElementIds);
        }
        // The cycle counts from due time to due time, however late the first firing was.
        var due = timers.Select(t => t.DueAt).Order().ToList();
        Assert.Equal(TimeSpan.FromSeconds(1), due[1] - due[0]);
    }
}
