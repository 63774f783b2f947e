using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Service nodes on one freshly created PostgreSQL database (one per test class, an xunit class
/// fixture), in the production scale-out configuration: <c>Storage:Provider=PostgreSql</c> and
/// Hangfire.PostgreSql job storage, so every node schedules into and runs jobs from the same
/// queues. The database is created with the first node (which skips or fails the test when no
/// PostgreSQL server is configured: <see cref="PostgreSqlServer"/>) and dropped after the last
/// test of the class.
/// </summary>
public sealed class PostgreSqlNodes : IAsyncLifetime
{
    private readonly List<WorkflowHost> _started = [];
    private PostgreSqlDatabase? _database;

    /// <summary>Nodes started and not stopped yet.</summary>
    private readonly List<WorkflowHost> _running = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Starts one more node on the database and waits until it serves requests. The first node
    /// creates the schema, deploys the workflows and seeds the demo users.
    /// </summary>
    public async Task<WorkflowHost> StartNodeAsync(TimeProvider? clock = null)
    {
        var node = await CreateNodeAsync(clock);
        await Task.Run(() => node.Server); // start-up blocks; keep it off the test's thread
        return node;
    }

    /// <summary>Starts node A, then node B.</summary>
    public async Task<(WorkflowHost A, WorkflowHost B)> StartTwoNodesAsync() => (await StartNodeAsync(), await StartNodeAsync());

    /// <summary>Starts <paramref name="count"/> nodes at the same moment, as an orchestrator does.</summary>
    public async Task<WorkflowHost[]> StartTogetherAsync(int count)
    {
        var nodes = new WorkflowHost[count];
        for (var i = 0; i < count; i++) nodes[i] = await CreateNodeAsync(null);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = nodes.Select(node => Task.Run(async () =>
        {
            await start.Task;
            _ = node.Server;
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(starting);
        return nodes;
    }

    private async Task<WorkflowHost> CreateNodeAsync(TimeProvider? clock)
    {
        _database ??= await PostgreSqlDatabase.CreateAsync(PostgreSqlServer.Require());
        var node = new WorkflowHost(new HostSettings
        {
            Clock = clock,
            Settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = _database.ConnectionString,
                ["Scheduling:UseDatabaseJobStorage"] = "true",
            },
        });
        _started.Add(node);
        _running.Add(node);
        return node;
    }

    /// <summary>Stops every running node: their Hangfire servers and timer sweepers stop with them.</summary>
    public async Task StopAllAsync()
    {
        foreach (var node in _running) await node.DisposeAsync();
        _running.Clear();
    }

    public async Task DisposeAsync()
    {
        await StopAllAsync();
        foreach (var node in _started) TempFolder.TryDelete(node.Settings.DataDirectory);
        if (_database is not null) await _database.DisposeAsync();
    }
}
