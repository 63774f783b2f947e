using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// A task watched by an SLA timer (<see cref="TestBpmn.TaskWithSlaTimer"/>): started through the
/// API, and checked to have fired exactly once and never before its due time.
/// </summary>
public static class WatchedTask
{
    /// <summary>Deploys a process named after <paramref name="rule"/> and starts one instance: its id, its timer's id and due time as stored.</summary>
    public static async Task<(Guid Id, Guid TimerId, DateTimeOffset DueAt)> StartAsync(WorkflowHost node, string rule, string duration)
    {
        var owner = await node.LoginAsync("owner");
        var key = await owner.DeployAsync(TestBpmn.TaskWithSlaTimer(rule, duration, rule));
        var id = await owner.StartAsync(key, businessKey: rule);
        var timer = await node.ReadAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id));
        return (id, timer.Id, timer.DueAt);
    }

    /// <summary>
    /// Waits until the timer has fired, lets every node sweep and finish its jobs, then checks:
    /// one breach row, one firing in the history, neither before the due time, the timer row
    /// fired, and the task still open. Returns the breach.
    /// </summary>
    public static async Task<JsonElement> ExpectFiredOnceAsync(Guid id, string rule, DateTimeOffset dueAt, params WorkflowHost[] nodes)
    {
        var manager = await nodes[0].LoginAsync("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(id)).Count > 0, $"the {rule} timer has fired");
        foreach (var node in nodes) await node.SweepDueTimersAsync();
        foreach (var node in nodes) await node.WaitForIdleJobsAsync();

        var breach = Assert.Single(await manager.BreachesAsync(id));
        Assert.Equal(rule, breach.GetProperty("rule").GetString());
        Assert.Equal(dueAt, breach.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(breach.GetProperty("detectedAt").GetDateTimeOffset() >= dueAt, "the breach was detected before the due time");
        // Nobody claimed the task: the breach is charged to its group, no person (the columns of the breach migration).
        Assert.False(breach.TryGetProperty("responsible", out _), "a breach of an unclaimed task names a person");
        Assert.Equal("agents", breach.GetProperty("responsibleGroup").GetString());
        var history = await manager.HistoryAsync(id);
        var fired = Assert.Single(history, h => h.GetProperty("elementId").GetString() == "slaTimer" && h.GetProperty("event").GetString() == "entered");
        Assert.True(fired.GetProperty("at").GetDateTimeOffset() >= dueAt, "the timer fired before its due time");
        Assert.Single(history, h => h.GetProperty("elementId").GetString() == "breachRecorded" && h.GetProperty("event").GetString() == "entered");
        var (breachRows, timer) = await nodes[0].ReadAsync(async db => (
            await db.Breaches.CountAsync(r => r.InstanceId == id),
            await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id)));
        Assert.Equal(1, breachRows);
        Assert.Equal(TimerStatus.Fired, timer.Status);
        ServiceFixture.AssertShape(await manager.InstanceAsync(id), "Running", ["work"]);
        return breach;
    }
}
