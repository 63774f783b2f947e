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
/// killed with SIGKILL while writes are in flight, started again on the same data and killed again under load; once
/// more started: every write a client saw acknowledged is there, and every instance in the database is whole, whether
/// its start was acknowledged or not, and the service still starts and completes.
/// How many of the writes in flight got in varies from run to run; what is asserted does not.
/// </summary>
public sealed class KillDuringLoadTests(ITestOutputHelper output)
{
    private const string ProcessKey = "kill-load";
    /// <summary>The group <see cref="TestBpmn.Tasks"/> offers its tasks to.</summary>
    private const string Group = "agents";
    /// <summary>The one person doing the work, an agent in <see cref="Group"/>, made by the admin (no demo users: nine password hashes at start-up).</summary>
    private const string User = "kill-load-agent";
    private const string Password = "kill-load-password-1";
    private const int Clients = 8;
    /// <summary>
    /// Kills per test, each after this many acknowledged writes: every kill is another chance to catch a write
    /// acknowledged before its commit, and all but the first land on a database recovered from a kill.
    /// </summary>
    private const int KillRounds = 2;
    private const int KillAfterAcknowledged = 200;

    private static readonly string Bpmn = TestBpmn.Tasks(ProcessKey, StoredSteps.First, StoredSteps.Second);

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
        List<SentStep> steps = [];
        for (var round = 1; round <= KillRounds; round++)
        {
            await using var service = await ServiceProcess.StartAsync(settings);
            Log(clock, $"round {round}: started at {service.Address}");
            if (round == 1) await SetUpAsync(service);
            steps.AddRange(await LoadUntilKilledAsync(service));
            Log(clock, $"round {round}: killed");
        }

        // Every write the service answered before a kill, it acknowledged: a refusal under load is a failure of its own.
        var refused = steps.Where(s => s.Outcome == StepOutcome.Refused).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} writes were refused:\n" + string.Join('\n', refused.Take(5)));
        await using var restarted = await ServiceProcess.StartAsync(settings);
        Log(clock, "restarted on the same data");

        var stored = new StoredSteps(ProcessKey, Group, User);
        StoredSummary summary;
        await using (var db = openDatabase()) summary = await stored.CheckAsync(db, steps);
        Log(clock, $"checked the database: {summary}");
        Assert.True(stored.Problems.Count == 0, string.Join('\n', stored.Problems.Take(20)));
        Assert.True(summary.AcknowledgedStarts + summary.AcknowledgedCompletions >= KillRounds * KillAfterAcknowledged, summary.ToString());

        var agentAgain = await SignInAsync(restarted, User, Password);
        await CheckServedAsync(agentAgain, stored);
        Log(clock, "the restarted service shows every instance where the database has it");

        var id = await agentAgain.StartAsync(ProcessKey, businessKey: $"after-kill-{Guid.NewGuid():N}");
        await agentAgain.CompleteAsync(id, StoredSteps.First);
        Assert.Equal([StoredSteps.Second], ApiClient.Strings((await agentAgain.InstanceAsync(id)).GetProperty("activeElementIds")));
        Log(clock, "the restarted service starts and completes");
    }

    /// <summary>Deploys the process and makes its agent (the first start of the service).</summary>
    private static async Task SetUpAsync(ServiceProcess service)
    {
        var admin = await SignInAsync(service, "admin", WorkflowHost.AdminPassword);
        await admin.DeployAsync(Bpmn);
        await admin.PostJsonAsync("/api/users", new
        {
            userName = User, displayName = User, email = $"{User}@example.com", password = Password,
            roles = new[] { "agent" }, groups = new[] { Group }, mustChangePassword = false,
        }, HttpStatusCode.Created);
    }

    /// <summary>Runs the load until its kill point has killed the service; returns every write sent and what came of it.</summary>
    private async Task<IReadOnlyList<SentStep>> LoadUntilKilledAsync(ServiceProcess service)
    {
        var load = new StepLoad(ProcessKey, StoredSteps.First, KillAfterAcknowledged, service.Kill);
        var agent = await SignInAsync(service, User, Password);
        var clients = Enumerable.Range(0, Clients).Select(_ => service.CreateClient()).ToList();
        foreach (var client in clients) client.DefaultRequestHeaders.Authorization = agent.Http.DefaultRequestHeaders.Authorization;
        try
        {
            var running = load.RunAsync(clients, $"kill-{Guid.NewGuid():N}");
            await Task.WhenAny(load.KillPoint, running, Task.Delay(TimeSpan.FromSeconds(40)));
            if (!load.KillPoint.IsCompleted)
                Assert.Fail($"The load did not reach {KillAfterAcknowledged} acknowledged writes with one in flight:\n" +
                            string.Join('\n', load.Steps.Where(s => s.Outcome == StepOutcome.Refused).Take(5)) + "\n" + service.RecentOutput);
            await service.WaitForExitAsync();
            await running;
            output.WriteLine($"         {load.InFlightAtKillPoint} writes were in flight at the kill point");
            return load.Steps;
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
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
