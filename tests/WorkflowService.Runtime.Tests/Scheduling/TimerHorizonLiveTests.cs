using Hangfire;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// The horizon on the real clock and real Hangfire, shortened to two seconds (the sweep runs every
/// second in tests): an SLA timer due in six seconds is not in Hangfire when its instance starts,
/// is handed over by a sweep, and fires once, never before its due time.
/// </summary>
public sealed class TimerHorizonLiveTests : IAsyncLifetime
{
    private readonly RuntimeSettings _settings = new()
    {
        Settings = new() { ["Scheduling:ArmHorizon"] = "00:00:02" },
    };

    private RuntimeHost _host = null!;

    public async Task InitializeAsync() => _host = await RuntimeHost.StartAsync(_settings);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_settings.DataDirectory);
    }

    [Fact]
    public async Task A_timer_beyond_the_horizon_is_handed_over_by_the_sweep_and_fires_once_never_early()
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(TestBpmn.TaskWithSlaTimer("horizon-sla", "PT6S", "horizon-sla"));
        var monitor = _host.Get<JobStorage>().GetMonitoringApi();
        var scheduledBefore = monitor.ScheduledCount();

        var id = await owner.StartAsync(key, businessKey: "horizon-1");
        var scheduledAfterStart = monitor.ScheduledCount();

        var breach = Assert.Single(await Poll.ForAsync(() => owner.BreachesAsync(id, "horizon-sla"), b => b.Count > 0,
            "the SLA timer has fired"));
        await _host.WaitForIdleJobsAsync();

        Assert.Equal(scheduledBefore, scheduledAfterStart);
        Assert.True(breach.DetectedAt >= breach.DueAt, $"the timer fired {(breach.DueAt - breach.DetectedAt).TotalMilliseconds} ms early");
        Assert.Single(await owner.BreachesAsync(id));
    }
}
