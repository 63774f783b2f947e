using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// Timers live in the database: a timer that falls due while the runtime is stopped fires once
/// when a new runtime starts on the same data, not before its due time and not twice. Real
/// clock, real Hangfire, a real SQLite file shared by the two hosts.
/// </summary>
public sealed class TimerAfterRestartTests : IAsyncLifetime
{
    private readonly RuntimeSettings _settings = new();
    private readonly List<RuntimeHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        TempFolder.TryDelete(_settings.DataDirectory);
    }

    private async Task<RuntimeHost> StartAsync()
    {
        var host = await RuntimeHost.StartAsync(_settings);
        _hosts.Add(host);
        return host;
    }

    private static DateTimeOffset DueOf(InstanceView instance, string elementId) =>
        instance.PendingTimers.Single(t => t.ElementId == elementId).DueAt;

    [Fact]
    public async Task A_timer_due_while_the_service_was_stopped_fires_once_after_the_restart()
    {
        var first = await StartAsync();
        var owner = first.As("owner");
        var sla = await owner.DeployAsync(TestBpmn.TaskWithSlaTimer("restart-sla", "PT4S", "restart-sla"));
        var wait = await owner.DeployAsync(TestBpmn.WaitThenTask("restart-wait", "PT3S"));
        var watched = await owner.StartAsync(sla, businessKey: "restart-1");
        var waiting = await owner.StartAsync(wait, businessKey: "restart-2");
        var slaDue = DueOf(await owner.InstanceAsync(watched), "slaTimer");
        var waitDue = DueOf(await owner.InstanceAsync(waiting), "wait");

        await first.DisposeAsync();
        _hosts.Remove(first);
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.True(stoppedAt < waitDue, $"the first service stopped at {stoppedAt:O}, after the timer fell due at {waitDue:O}");
        // Nothing runs the timers now; this waits for the wall clock, not for a condition.
        await Task.Delay(slaDue - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        var second = await StartAsync();
        var manager = second.As("manager");
        var breach = Assert.Single(await Poll.ForAsync(() => manager.BreachesAsync(watched, "restart-sla"), b => b.Count > 0,
            "the SLA timer has fired after the restart"));
        await Poll.UntilAsync(async () => (await manager.InstanceAsync(waiting)).ActiveElementIds[0] == "afterWait",
            "the waiting instance has moved on after the restart");
        await second.SweepDueTimersAsync();
        await second.WaitForIdleJobsAsync();

        Assert.Equal(slaDue, breach.DueAt);
        Assert.True(breach.DetectedAt >= stoppedAt);
        Assert.Single(await manager.BreachesAsync(watched));
        AssertShape(await manager.InstanceAsync(watched), "Running", ["work"]);
        var slaHistory = await manager.HistoryAsync(watched);
        var fired = Assert.Single(Events(slaHistory, "slaTimer", "entered"));
        Assert.True(fired.At >= slaDue);
        Assert.Single(Events(slaHistory, "breachRecorded", "entered"));

        AssertShape(await manager.InstanceAsync(waiting), "Running", ["afterWait"]);
        var waitHistory = await manager.HistoryAsync(waiting);
        var left = Assert.Single(Events(waitHistory, "wait", "left"));
        Assert.True(left.At >= waitDue);
        Assert.Single(Events(waitHistory, "afterWait", "entered"));
        Assert.Single(await second.As("agent").TasksAsync(waiting));
        var timers = await second.ReadAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == watched || t.InstanceId == waiting).ToListAsync());
        Assert.All(timers, t => Assert.Equal(TimerStatus.Fired, t.Status));
        Assert.Equal(2, timers.Count);
    }
}
