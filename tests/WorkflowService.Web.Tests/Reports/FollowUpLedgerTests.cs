using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// An agent's follow-up calls in the ledger, through the shipped repair process: a follow-up done within its three days
/// counts as on time, one done after its follow-up-3d breach counts as done but not on time (and the breach is charged).
/// </summary>
public sealed class FollowUpLedgerTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task A_follow_up_done_in_three_days_is_on_time_and_one_done_after_its_breach_is_not()
    {
        await MidQuarterAsync();
        var agent = "ledger-follow-" + Guid.NewGuid().ToString("N")[..6];
        var caller = new Caller(agent, new HashSet<string> { "agents", "hotline" }, false);
        var onTime = await AtFollowUpAsync();
        var late = await AtFollowUpAsync();
        var tasks = service.Host.Services.GetRequiredService<TaskService>();
        await tasks.ClaimAsync(caller, await service.Host.OpenTaskAsync(late, "followUpCall"));
        await tasks.CompleteAsync(caller, await service.Host.OpenTaskAsync(onTime, "followUpCall"), RuntimeShortcuts.Variables(new { satisfaction = "5" }));

        await service.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var manager = await service.As("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(late, "follow-up-3d")).Count > 0, "the late follow-up is recorded");
        await tasks.CompleteAsync(caller, await service.Host.OpenTaskAsync(late, "followUpCall"), RuntimeShortcuts.Variables(new { satisfaction = "4" }));

        var ledger = await manager.GetJsonAsync($"/api/reports/engineers?quarter={Current()}");

        var row = Assert.Single(ledger.GetProperty("agents").EnumerateArray(), a => a.GetProperty("agent").GetString() == agent);
        Assert.Equal((2, 1, 0, 0), (row.GetProperty("followUps").GetInt32(), row.GetProperty("followUpsOnTime").GetInt32(),
            row.GetProperty("callsAnswered").GetInt32(), row.GetProperty("missedCalls").GetInt32()));
        Assert.Equal(1, row.GetProperty("breachesByRule").GetProperty("follow-up-3d").GetInt32());
    }

    /// <summary>A repair order in warranty run through the shipped process to its follow-up call.</summary>
    private async Task<Guid> AtFollowUpAsync()
    {
        var api = await service.As("agent");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = await RecordsApiTests.AddCustomerAsync(api, "回访台账客户" + tag, "regular", ("周工", null, "13700000041"));
        var serial = $"FOLL{tag}".ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(api, customer, serial, new DateOnly(2026, 1, 1), 24);
        var id = (await RecordsApiTests.OpenAsync(api, "repair", customer, [serial])).GetProperty("instanceId").GetGuid();
        var host = service.Host;
        await host.CompleteAsync(id, "acceptRequest", new { fault = "不开机", customerInformed = true });
        await host.CompleteAsync(id, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
        await host.CompleteAsync(id, "receiveUnits", new { unitsCondition = "完好" });
        await host.CompleteAsync(id, "assessFault", new { diagnosis = "电源板", repairPlan = "重焊", partsSource = "none" });
        await host.CompleteAsync(id, "signAgreement", new { agreementSigned = true });
        await host.CompleteAsync(id, "repairDevice", new { repairMethod = "重焊电源板", repairResult = "正常" });
        await host.CompleteAsync(id, "customerAcceptance", new { customerAccepted = true });
        await host.CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-" + tag, slipComplete = true, slipSigned = true });
        await host.CompleteAsync(id, "returnUnits", new { });
        Assert.Contains("followUpCall", await host.ActiveElementsAsync(id));
        return id;
    }

    private string Current() => Quarter.Of(Today()).ToString();

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    /// <summary>Moves the clock into the next quarter when this one ends within the test's days, so that its work stays in one quarter.</summary>
    private async Task MidQuarterAsync()
    {
        var left = Quarter.Of(Today()).LastDay.DayNumber - Today().DayNumber;
        if (left < 5) await service.AdvanceAsync(TimeSpan.FromDays(left + 2));
    }
}
