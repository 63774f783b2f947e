using System.Net;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// A valid job needs both halves of "a complete, signed slip": the signed slip attached to the order, and the slip
/// check of the repair process not finding it incomplete or unsigned.
/// </summary>
public sealed class SlipValidityLedgerTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Only_a_job_with_a_slip_attached_that_the_process_found_complete_and_signed_is_valid()
    {
        var attachedAndChecked = await AtSlipAsync(attach: true);
        var attachedButIncomplete = await AtSlipAsync(attach: true);
        var checkedButNotAttached = await AtSlipAsync(attach: false);
        await service.Host.CompleteAsync(attachedAndChecked, "handInRepairSlip", new { slipNumber = "S-1", slipComplete = true, slipSigned = true });
        await service.Host.CompleteAsync(attachedButIncomplete, "handInRepairSlip", new { slipNumber = "S-2", slipComplete = false, slipSigned = true });
        await service.Host.CompleteAsync(checkedButNotAttached, "handInRepairSlip", new { slipNumber = "S-3", slipComplete = true, slipSigned = true });
        Assert.Contains("handInRepairSlip", await service.Host.ActiveElementsAsync(attachedButIncomplete));
        var quarter = Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime));

        var ledger = await (await service.As("manager")).GetJsonAsync($"/api/reports/engineers?quarter={quarter}");

        var row = Assert.Single(ledger.GetProperty("engineers").EnumerateArray(), e => e.GetProperty("engineer").GetString() == "engineer");
        Assert.Equal((3, 1, 10m), (row.GetProperty("jobs").GetInt32(), row.GetProperty("validJobs").GetInt32(), row.GetProperty("subsidy").GetDecimal()));
    }

    /// <summary>A repair order in warranty run through the shipped process to the slip hand-in, its slip attached or not.</summary>
    private async Task<Guid> AtSlipAsync(bool attach)
    {
        var api = await service.As("agent");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = await RecordsApiTests.AddCustomerAsync(api, "维修单有效性客户" + tag, "regular", ("吕工", null, "13700000061"));
        var serial = $"SLIPV{tag}".ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(api, customer, serial, new DateOnly(2026, 1, 1), 24);
        var order = await RecordsApiTests.OpenAsync(api, "repair", customer, [serial]);
        var id = order.GetProperty("instanceId").GetGuid();
        var host = service.Host;
        await host.CompleteAsync(id, "acceptRequest", new { fault = "花屏", customerInformed = true });
        await host.CompleteAsync(id, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
        await host.CompleteAsync(id, "receiveUnits", new { unitsCondition = "完好" });
        await host.CompleteAsync(id, "assessFault", new { diagnosis = "排线", repairPlan = "更换排线", partsSource = "none" });
        await host.CompleteAsync(id, "signAgreement", new { agreementSigned = true });
        await host.CompleteAsync(id, "repairDevice", new { repairMethod = "更换排线", repairResult = "正常" });
        await host.CompleteAsync(id, "customerAcceptance", new { customerAccepted = true });
        if (attach)
            await ApiClient.Expect(await RepairSlipApiTests.AttachAsync(await service.As("engineer"), order.GetProperty("number").GetString()!,
                RepairSlipApiTests.Jpeg, "image/jpeg", "slip.jpg"), HttpStatusCode.Created);
        return id;
    }
}
