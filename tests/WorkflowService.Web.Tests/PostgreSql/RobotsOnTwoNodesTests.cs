using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Testing.Robots;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Group robots on PostgreSQL with two nodes (issue 15): a robot kept in the database (as <c>/admin/robots</c> keeps
/// it) hears of a breach once, though both nodes sweep and both run the robot's job at the same moment.
/// </summary>
public sealed class RobotsOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_breach_is_posted_once_though_both_nodes_send_the_robots_row()
    {
        await using var sink = await RobotSink.StartAsync();
        var (a, b) = await nodes.StartTwoNodesAsync();
        await a.Services.GetRequiredService<RobotAdministration>().SaveAsync("admin", null,
            new RobotForm("agents-desk", "DingTalk", sink.DingTalkUrl("pg"), RobotSink.DingTalkSecret, ["breach"], "agents"), CancellationToken.None);

        var (id, _, dueAt) = await WatchedTask.StartAsync(b, "two-node-robot", "PT2S");
        var row = await Poll.ForAsync(() => a.ReadAsync(db => db.Outbox.AsNoTracking()
            .Where(o => o.InstanceId == id && o.Kind == RobotPayload.Kind).ToListAsync()), r => r.Count == 1, "the robot row is written");
        await Task.WhenAll(new[] { a, b }.Select(node => Task.Run(() =>
            node.Services.GetRequiredService<RobotJob>().SendAsync(row[0].Id, CancellationToken.None))));
        await WatchedTask.ExpectFiredOnceAsync(id, "two-node-robot", dueAt, a, b);
        await Task.Delay(500);

        var hit = Assert.Single(sink.Hits);
        Assert.True(hit.SignatureValid);
        Assert.Contains("two-node-robot", hit.Json.GetProperty("markdown").GetProperty("title").GetString());
        var sent = await a.ReadAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == row[0].Id));
        Assert.Equal((OutboxStatus.Sent.Name, 1), (sent.Status, sent.Attempts));
    }
}
