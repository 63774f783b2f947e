using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.PostgreSql;
using WorkflowService.Web.Tests.Support;
using Xunit.Abstractions;

namespace WorkflowService.Web.Tests.Durability;

/// <summary>
/// The service as a real child process under REST load (8 clients starting instances and completing their tasks) is
/// killed with SIGKILL while writes are in flight, then started again on the same data: every write a client saw
/// acknowledged is there, and every instance in the database is whole, whether its start was acknowledged or not.
/// How many of the writes in flight got in varies from run to run; what is asserted does not.
/// </summary>
public sealed class KillDuringLoadTests(ITestOutputHelper output)
{
    private const string ProcessKey = "kill-load";
    private const string Group = "agents";
    /// <summary>The one person doing the work, an agent in <see cref="Group"/>, made by the admin (no demo users: nine password hashes at start-up).</summary>
    private const string User = "kill-load-agent";
    private const string Password = "kill-load-password-1";
    private const int Clients = 8;
    private const int KillAfterAcknowledged = 300;

    private static readonly string Bpmn = TestBpmn.Process(ProcessKey, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="{StoredSteps.First}" name="{StoredSteps.First}" camunda:candidateGroups="{Group}" />
        <bpmn:userTask id="{StoredSteps.Second}" name="{StoredSteps.Second}" camunda:candidateGroups="{Group}" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", StoredSteps.First, StoredSteps.Second, "done")}
        """);

    [Fact]
    public async Task On_SQLite_every_acknowledged_start_and_completion_survives_a_kill_under_load_and_no_instance_is_half_written()
    {
        var data = TempFolder.Create("kill-");
        try
        {
            var database = Path.Combine(data, "workflow.db");
            await KillUnderLoadAndCheckAsync(Settings(data, []), () => new SqliteWorkflowDbContext(
                new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options));
        }
        finally
        {
            TempFolder.TryDelete(data);
        }
    }

    [SkippableFact]
    public async Task On_PostgreSQL_every_acknowledged_start_and_completion_survives_a_kill_under_load_and_no_instance_is_half_written()
    {
        await using var database = await PostgreSqlDatabase.CreateAsync(PostgreSqlServer.Require());
        var data = TempFolder.Create("kill-pg-");
        try
        {
            await KillUnderLoadAndCheckAsync(Settings(data, new()
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = database.ConnectionString,
                ["Scheduling:UseDatabaseJobStorage"] = "true",
            }), () => new PostgreSqlWorkflowDbContext(
                new DbContextOptionsBuilder<PostgreSqlWorkflowDbContext>().UseNpgsql(database.ConnectionString).Options));
        }
        finally
        {
            TempFolder.TryDelete(data);
        }
    }

    private async Task KillUnderLoadAndCheckAsync(Dictionary<string, string?> settings, Func<WorkflowDbContext> openDatabase)
    {
        var clock = Stopwatch.StartNew();
        var load = new StepLoad(ProcessKey, StoredSteps.First, KillAfterAcknowledged);
        await using (var service = await ServiceProcess.StartAsync(settings))
        {
            Log(clock, $"started at {service.Address}");
            var admin = await SignInAsync(service, "admin", WorkflowHost.AdminPassword);
            await admin.DeployAsync(Bpmn);
            await admin.PostJsonAsync("/api/users", new
            {
                userName = User, displayName = User, email = $"{User}@example.com", password = Password,
                roles = new[] { "agent" }, groups = new[] { Group }, mustChangePassword = false,
            }, HttpStatusCode.Created);
            var agent = await SignInAsync(service, User, Password);
            var clients = Enumerable.Range(0, Clients).Select(_ => service.CreateClient()).ToList();
            foreach (var client in clients) client.DefaultRequestHeaders.Authorization = agent.Http.DefaultRequestHeaders.Authorization;

            var running = load.RunAsync(clients, $"kill-{Guid.NewGuid():N}");
            await Task.WhenAny(load.KillPoint, running, Task.Delay(TimeSpan.FromSeconds(40)));
            if (!load.KillPoint.IsCompleted)
                Assert.Fail($"The load did not reach {KillAfterAcknowledged} acknowledged writes with one in flight:\n" +
                            string.Join('\n', load.Steps.Where(s => s.Outcome == StepOutcome.Refused).Take(5)) + "\n" + service.RecentOutput);
            await service.KillAsync();
            load.Stop();
            await running;
            Log(clock, $"killed with {load.InFlightAtKillPoint} writes in flight at the kill point");
            foreach (var client in clients) client.Dispose();
        }

        // Every write the service answered before the kill, it acknowledged: a refusal under load is a failure of its own.
        var refused = load.Steps.Where(s => s.Outcome == StepOutcome.Refused).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} writes were refused:\n" + string.Join('\n', refused.Take(5)));
        await using var restarted = await ServiceProcess.StartAsync(settings);
        Log(clock, "restarted on the same data");

        var stored = new StoredSteps(ProcessKey, Group, User);
        StoredSummary summary;
        await using (var db = openDatabase()) summary = await stored.CheckAsync(db, load.Steps);
        Log(clock, $"checked the database: {summary}");
        Assert.True(stored.Problems.Count == 0, string.Join('\n', stored.Problems.Take(20)));
        Assert.True(summary.AcknowledgedStarts + summary.AcknowledgedCompletions >= KillAfterAcknowledged, summary.ToString());

        var agentAgain = await SignInAsync(restarted, User, Password);
        await CheckServedAsync(agentAgain, stored);
        Log(clock, "the restarted service shows every instance where the database has it");

        var id = await agentAgain.StartAsync(ProcessKey, businessKey: $"after-kill-{Guid.NewGuid():N}");
        await agentAgain.CompleteAsync(id, StoredSteps.First);
        Assert.Equal([StoredSteps.Second], ApiClient.Strings((await agentAgain.InstanceAsync(id)).GetProperty("activeElementIds")));
        Log(clock, "the restarted service starts and completes");
    }

    /// <summary>The restarted service shows every stored instance (the acknowledged ones among them) waiting where its rows say.</summary>
    private static async Task CheckServedAsync(ApiClient agent, StoredSteps stored)
    {
        using var oneAtATimePerClient = new SemaphoreSlim(Clients);
        await Task.WhenAll(stored.WaitingAt.Select(async pair =>
        {
            await oneAtATimePerClient.WaitAsync();
            try
            {
                var instance = await agent.InstanceAsync(pair.Key);
                Assert.Equal("Running", instance.GetProperty("status").GetString());
                Assert.Equal([pair.Value], ApiClient.Strings(instance.GetProperty("activeElementIds")));
            }
            finally
            {
                oneAtATimePerClient.Release();
            }
        }));
    }

    private static async Task<ApiClient> SignInAsync(ServiceProcess service, string user, string password)
    {
        var api = new ApiClient(service.CreateClient());
        await api.AuthenticateAsync(user, password);
        return api;
    }

    /// <summary>The test hosts' settings (the shipped workflows, mail into the data folder, quiet logs) and the first admin.</summary>
    private static Dictionary<string, string?> Settings(string data, Dictionary<string, string?> storage)
    {
        var overrides = new Dictionary<string, string?>(storage)
        {
            ["Bootstrap:AdminUser"] = "admin",
            ["Bootstrap:AdminPassword"] = WorkflowHost.AdminPassword,
        };
        return TestServiceSettings.For(data, smtpPort: null, fakeClock: false, overrides);
    }

    private void Log(Stopwatch clock, string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
}
