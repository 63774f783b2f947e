using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The service started on an empty PostgreSQL database: its own migrations create the schema,
/// the shipped processes deploy, and a repair request runs through the REST API from
/// registration to the warehouse, with its due dates and timers stored as the instants they are.
/// </summary>
public sealed class StartUpOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [SkippableFact]
    public async Task On_an_empty_database_the_migrations_create_the_schema_the_processes_deploy_and_a_repair_runs_through_the_api()
    {
        var node = await nodes.StartNodeAsync();

        var (provider, known, applied) = await node.ReadAsync(async db =>
            (db.Database.ProviderName, db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        var (modelTables, tables) = await node.ReadAsync(async db => (
            db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order().ToList(),
            await db.Database.SqlQuery<string>($"SELECT table_schema || '.' || table_name AS \"Value\" FROM information_schema.tables").ToListAsync()));
        Assert.All(modelTables, t => Assert.Contains($"public.{t}", tables));
        Assert.Contains("hangfire.job", tables);
        var owner = await node.LoginAsync("owner");
        var deployed = (await owner.GetJsonAsync("/api/definitions")).EnumerateArray().Select(d => d.GetProperty("key").GetString()).Order();
        var shipped = Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.bpmn").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(shipped, deployed);

        var desk = await node.LoginAsync("desk");
        var before = DateTimeOffset.UtcNow;
        var id = await desk.StartAsync("repair", new
        {
            customer = "PostgreSQL Start-up Ltd", contactPerson = "Li Wei 李伟", contactPhone = "+86 21 5555 0101", model = "X1-Pro",
            serial = "IMEI-3569", units = 3, inWarranty = true,
        }, businessKey: "R-PostgreSQL Start-up Ltd");
        var after = DateTimeOffset.UtcNow;
        var accept = await desk.GetJsonAsync($"/api/tasks/{await desk.TaskIdAsync(id, "acceptRequest")}");
        var instance = await desk.InstanceAsync(id);
        Assert.Equal(["acceptRequest"], ApiClient.Strings(instance.GetProperty("activeElementIds")));
        Assert.Equal("PostgreSQL Start-up Ltd", instance.GetProperty("variables").GetProperty("customer").GetString());
        var timer = Assert.Single(instance.GetProperty("pendingTimers").EnumerateArray());
        Assert.Equal("acceptanceTimer", timer.GetProperty("elementId").GetString());
        var timerDue = timer.GetProperty("dueAt").GetDateTimeOffset();
        // No receivedAt (not started from an order): one working day of calendar default from the start.
        var calendar = node.Services.GetRequiredService<WorkflowService.Runtime.Calendars.CalendarStore>().Require("default");
        var oneWorkingDay = WorkflowService.Engine.Timers.IsoDuration.Parse("P1D");
        Assert.InRange(timerDue, calendar.Add(before, oneWorkingDay) - TimeSpan.FromMilliseconds(1), calendar.Add(after, oneWorkingDay));
        Assert.Equal(TimeSpan.Zero, timerDue.Offset);
        Assert.InRange(accept.GetProperty("task").GetProperty("dueAt").GetDateTimeOffset() - timerDue, -TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await desk.CompleteAsync(id, "acceptRequest", new { fault = "No power", customerInformed = true, acceptanceNote = "Accepted" });
        await desk.CompleteAsync(id, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
        var engineer = await node.LoginAsync("engineer");
        await engineer.CompleteAsync(id, "receiveUnits", new { });
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Power board", repairPlan = "Swap", partsSource = "warehouse" });
        await engineer.CompleteAsync(id, "signAgreement", new { agreementSigned = true });

        var warehouse = await node.LoginAsync("warehouse");
        var parts = Assert.Single(await warehouse.TasksAsync(id));
        Assert.Equal("prepareParts", parts.GetProperty("elementId").GetString());
        var moved = await warehouse.InstanceAsync(id);
        Assert.Equal("Running", moved.GetProperty("status").GetString());
        Assert.Equal("repairTurnaroundTimer", Assert.Single(moved.GetProperty("pendingTimers").EnumerateArray()).GetProperty("elementId").GetString());
        var history = await (await node.LoginAsync("manager")).HistoryAsync(id);
        foreach (var done in new[] { "acceptRequest", "dispatchEngineer", "receiveUnits", "assessFault", "signAgreement" })
            Assert.Single(history, h => h.GetProperty("elementId").GetString() == done && h.GetProperty("event").GetString() == "left");
    }
}
