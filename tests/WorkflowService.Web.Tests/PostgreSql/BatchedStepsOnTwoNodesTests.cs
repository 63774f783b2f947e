using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Group commit on PostgreSQL with two nodes, each writing several batches side by side: many callers start instances on
/// one node and complete their first task on the other at the same time. Every acknowledged start and completion is
/// there exactly once (an instance moves on once, never twice, never lost), and commits were shared by several steps.
/// </summary>
public sealed class BatchedStepsOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    private const string Flow = "batched-two-nodes";
    private const int CallersPerNode = 16;
    private const int RoundsPerCaller = 4;

    private static readonly string Process = TestBpmn.Tasks(Flow, "first", "second");

    private static readonly Caller Admin = new("admin", new HashSet<string>(), IsAdmin: true);

    [SkippableFact]
    public async Task Steps_batched_on_two_nodes_at_once_are_each_written_once_and_none_is_lost()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        await a.Services.GetRequiredService<DefinitionService>().DeployAsync(Process, "admin");
        var before = Written(a, b);
        var acknowledged = new ConcurrentBag<Guid>();

        await Task.WhenAll(new[] { (a, b), (b, a) }.SelectMany(pair => Enumerable.Range(0, CallersPerNode).Select(caller =>
            Task.Run(async () =>
            {
                var (starter, completer) = pair;
                for (var round = 0; round < RoundsPerCaller; round++)
                {
                    var started = await starter.Services.GetRequiredService<InstanceService>()
                        .StartAsync(Flow, $"{Guid.NewGuid():N}", null, Admin);
                    var id = started.Instance.Id;
                    var task = await completer.ReadAsync(db => db.Tasks.Where(t => t.InstanceId == id && t.ElementId == "first")
                        .Select(t => t.Id).SingleAsync());
                    await completer.Services.GetRequiredService<TaskService>().CompleteAsync(Admin, task, new Dictionary<string, System.Text.Json.JsonElement>());
                    acknowledged.Add(id);
                }
            }))));

        Assert.Equal(2 * CallersPerNode * RoundsPerCaller, acknowledged.Count);
        var ids = acknowledged.ToList();
        var open = await a.ReadAsync(db => db.Tasks.Where(t => ids.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open)
            .Select(t => new { t.InstanceId, t.ElementId }).ToListAsync());
        Assert.Equal(ids.Order(), open.Select(t => t.InstanceId).Order());
        Assert.All(open, t => Assert.Equal("second", t.ElementId));
        var firstLeft = await b.ReadAsync(db => db.History
            .Where(h => ids.Contains(h.InstanceId) && h.ElementId == "first" && h.Event == HistoryEvent.Left.Name)
            .Select(h => h.InstanceId).ToListAsync());
        Assert.Equal(ids.Order(), firstLeft.Order());
        var after = Written(a, b);
        Assert.True(after.Units - before.Units > after.Commits - before.Commits,
            $"no commit held more than one step: {after.Units - before.Units} units in {after.Commits - before.Commits} commits");
    }

    private static (long Commits, long Units) Written(params WorkflowHost[] hosts) => hosts
        .Select(h => h.Services.GetRequiredService<WriteBatcher>().Written)
        .Aggregate((0L, 0L), (sum, w) => (sum.Item1 + w.Commits, sum.Item2 + w.Units));
}
