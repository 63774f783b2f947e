using Microsoft.EntityFrameworkCore;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// An orchestrator starts every replica at once, also the first time, on an empty database: the
/// nodes take turns to migrate, deploy and create the first users, so each comes up, and there is
/// one schema, one version of each process and one of each user; a user signed in on one node is
/// signed in on every node.
/// </summary>
public sealed class NodesStartingTogetherTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task Three_nodes_starting_together_on_an_empty_database_all_come_up_with_one_set_of_processes_and_users()
    {
        var started = await nodes.StartTogetherAsync(3);

        foreach (var node in started)
        {
            var health = await node.CreateClient().GetAsync("/healthz");
            Assert.True(health.IsSuccessStatusCode, $"a node answers /healthz with {(int)health.StatusCode}");
            var processes = await (await node.LoginAsync("owner")).GetJsonAsync("/api/definitions");
            Assert.All(processes.EnumerateArray(), p => Assert.Equal(1, p.GetProperty("latestVersion").GetInt32()));
        }
        // Each node may have made its own data protection key: a token issued by one is still good on the others.
        var signedInOnFirst = await started[0].LoginAsync("agent");
        var signedInOnLast = await started[^1].LoginAsync("agent");
        foreach (var (token, node) in new[] { (signedInOnFirst, started[^1]), (signedInOnLast, started[0]) })
        {
            var client = new ApiClient(node.CreateClient());
            client.Http.DefaultRequestHeaders.Authorization = token.Http.DefaultRequestHeaders.Authorization;
            await client.TasksAsync();
        }
        var (users, members, versions) = await started[0].ReadAsync(async db => (
            await db.Users.Select(u => u.UserName).ToListAsync(),
            await db.GroupMembers.CountAsync(),
            await db.Definitions.CountAsync()));
        string[] expected = ["admin", .. UserBootstrap.DemoUsers.Select(u => u.User)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), users.Order(StringComparer.Ordinal));
        Assert.Equal(UserBootstrap.DemoUsers.Sum(u => u.Groups.Length), members);
        Assert.Equal(Directory.EnumerateFiles(WorkflowService.Testing.RepositoryPaths.Workflows, "*.bpmn").Count(), versions);
    }
}
