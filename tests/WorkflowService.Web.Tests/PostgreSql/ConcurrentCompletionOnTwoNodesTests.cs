using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Two agents complete the same task at the same moment, each through a different node: the
/// database decides (the instance's concurrency token, the retry on fresh state), so exactly one
/// gets 204 and the other 409, and the process moves on once. Raced ten times, each on a fresh
/// instance, so a lost or doubled update would show.
/// </summary>
public sealed class ConcurrentCompletionOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    private const int Rounds = 10;

    [SkippableFact]
    public async Task Of_two_completions_of_one_task_on_two_nodes_exactly_one_succeeds_and_the_instance_moves_on_once()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var agentOnA = await a.LoginAsync("agent");
        var agent2OnB = await b.LoginAsync("agent2");
        var admin = await b.LoginAsync("admin");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await agentOnA.StartAsync("complaint", businessKey: $"two-node-race-{round}");
            await CompletionRace.RunAsync(agentOnA, agent2OnB, admin, id, await agentOnA.TaskIdAsync(id, CompletionRace.FirstTask));
        }
    }
}
