namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Both nodes stop while a timer is pending; its Hangfire job stays scheduled in the database.
/// When a node comes back after the due time, the job and the start-up re-arm both hand it over,
/// and the timer fires once.
/// </summary>
public sealed class TimerAfterRestartOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_timer_due_while_both_nodes_were_stopped_fires_once_when_a_node_comes_back()
    {
        var (a, _) = await nodes.StartTwoNodesAsync();
        var (id, _, dueAt) = await WatchedTask.StartAsync(a, "pg-restart-sla", "PT3S");

        await nodes.StopAllAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.True(stoppedAt < dueAt, $"the nodes stopped at {stoppedAt:O}, after the timer fell due at {dueAt:O}");
        // Nothing runs timers now: this waits for the wall clock, not for a condition.
        await Task.Delay(dueAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        var back = await nodes.StartNodeAsync();
        var breach = await WatchedTask.ExpectFiredOnceAsync(id, "pg-restart-sla", dueAt, back);
        Assert.True(breach.GetProperty("detectedAt").GetDateTimeOffset() > stoppedAt, "the timer fired before the nodes stopped");
    }
}
