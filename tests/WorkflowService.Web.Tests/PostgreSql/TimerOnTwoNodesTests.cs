using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Scheduling;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Both nodes run timers from the same Hangfire.PostgreSql queues and both sweep overdue timers.
/// An SLA timer of a few seconds is handed to both nodes' schedulers and to a job running on each
/// node at once, so the nodes really race at the due instant: the timer fires exactly once (one
/// breach row, one firing in the history), and not before its due time.
/// </summary>
public sealed class TimerOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_timer_fires_exactly_once_and_not_early_though_both_nodes_run_timers()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var (id, timerId, dueAt) = await WatchedTask.StartAsync(b, "two-node-sla", "PT3S");
        foreach (var node in new[] { a, b }) node.Services.GetRequiredService<ITimerScheduler>().Schedule(timerId, dueAt);

        // A job that starts less than Scheduling:MaxInlineWait early waits for the due time: both fire at the same instant.
        var untilInlineWait = dueAt - TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        if (untilInlineWait > TimeSpan.Zero) await Task.Delay(untilInlineWait);
        await Task.WhenAll(new[] { a, b }.Select(node => Task.Run(() =>
            node.Services.GetRequiredService<TimerJob>().FireAsync(timerId, CancellationToken.None))));

        await WatchedTask.ExpectFiredOnceAsync(id, "two-node-sla", dueAt, a, b);
    }
}
