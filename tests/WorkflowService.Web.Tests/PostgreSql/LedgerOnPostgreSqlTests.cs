using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Reports;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>The engineers' ledger reads the same numbers from PostgreSQL: jobs, valid jobs, a late slip, calls answered and missed.</summary>
public sealed class LedgerOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [SkippableFact]
    public async Task The_ledger_of_a_quarter_counts_jobs_slips_breaches_and_calls_on_postgresql()
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Shanghai).DateTime);
        if (Quarter.Of(day).LastDay.DayNumber - day.DayNumber < 3) start = start.AddDays(5);
        var clock = new FakeTimeProvider(start);
        var node = await nodes.StartNodeAsync(clock);
        var agent = await node.LoginAsync("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "台账PG客户", "regular", ("冯工", null, "13700000051"));
        var numbers = new List<string>();
        foreach (var serial in new[] { "PGLEDGER1", "PGLEDGER2" })
        {
            await RecordsApiTests.AddDeviceAsync(agent, customer, serial, new DateOnly(2026, 1, 1), 24);
            var order = await RecordsApiTests.OpenAsync(agent, "repair", customer, [serial]);
            var instance = order.GetProperty("instanceId").GetGuid();
            await node.CompleteAsync(instance, "acceptRequest", new { fault = "不开机", customerInformed = true });
            await node.CompleteAsync(instance, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
            numbers.Add(order.GetProperty("number").GetString()!);
        }
        await RepairSlipApiTests.AttachAsync(await node.LoginAsync("engineer"), numbers[0], RepairSlipApiTests.Pdf, "application/pdf", "slip.pdf");
        var owner = await node.LoginAsync("owner");
        await owner.DeployAsync(EngineersLedgerTests.LateSlipXml);
        var late = await owner.StartAsync("ledger-late-slip", new { engineer = "engineer" });
        var answeredBy = new Caller("pg-ledger-agent", new HashSet<string> { "hotline", "agents" }, false);
        var answered = await node.StartAsync("hotline-call", "pg-ledger-call-1",
            new { callId = "pg-ledger-call-1", from = "+86 21 5555 0111", to = "400-820-0000", ringSeconds = 5, onDuty = answeredBy.UserName });
        await node.Services.GetRequiredService<TaskService>().CompleteAsync(answeredBy, await node.OpenTaskAsync(answered, "answerCall"),
            RuntimeShortcuts.Variables(new { }));
        var missed = await node.StartAsync("hotline-call", "pg-ledger-call-2",
            new { callId = "pg-ledger-call-2", from = "+86 21 5555 0112", to = "400-820-0000", ringSeconds = 5, onDuty = answeredBy.UserName });
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await node.SweepDueTimersAsync();
        var manager = await node.LoginAsync("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(late)).Count > 0 && (await manager.BreachesAsync(missed)).Count > 0,
            "the late slip and the missed call are recorded");
        var quarter = Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Shanghai).DateTime));

        var ledger = await manager.GetJsonAsync($"/api/reports/engineers?quarter={quarter}");

        var engineer = Assert.Single(ledger.GetProperty("engineers").EnumerateArray(), e => e.GetProperty("engineer").GetString() == "engineer");
        Assert.Equal((2, 1, 10m, 1, 20m), (engineer.GetProperty("jobs").GetInt32(), engineer.GetProperty("validJobs").GetInt32(),
            engineer.GetProperty("subsidy").GetDecimal(), engineer.GetProperty("lateSlips").GetInt32(), engineer.GetProperty("fines").GetDecimal()));
        var row = Assert.Single(ledger.GetProperty("agents").EnumerateArray(), a => a.GetProperty("agent").GetString() == answeredBy.UserName);
        Assert.Equal((1, 1), (row.GetProperty("callsAnswered").GetInt32(), row.GetProperty("missedCalls").GetInt32()));
    }
}
