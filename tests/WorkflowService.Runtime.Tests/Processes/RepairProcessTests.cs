using System.Globalization;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped repair process (维修) through the runtime's services, started as a work order starts it (the order's facts
/// as variables, the request received before the order was typed in): each task done by the demo user of the right group
/// or by the engineer dispatched, each answer taken both ways, and each rule kept and breached on a fake clock, with who
/// is charged.
/// </summary>
public sealed class RepairProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>The demo engineer, named on the dispatch (派工单).</summary>
    private const string Engineer = "engineer";

    /// <summary>A work order's start: its facts as variables; the request reached the centre <paramref name="receivedAgo"/> ago.</summary>
    private async Task<Guid> OpenedAsync(string customer, int units = 3, bool inWarranty = true, TimeSpan? receivedAgo = null)
    {
        var receivedAt = ToMilliseconds(service.Clock.GetUtcNow() - (receivedAgo ?? TimeSpan.FromHours(2)));
        return await service.As("desk").StartAsync("repair", new
        {
            orderNumber = $"WX-{customer}", customer, contactPerson = "Li Wei 李伟", contactPhone = "+86 21 5555 0101", model = "X1-Pro",
            serial = "IMEI-3569", units, inWarranty, receivedAt = receivedAt.ToString("O"),
        }, businessKey: $"R-{customer}");
    }

    /// <summary>What a JavaScript Date keeps of an instant (the timer expressions read receivedAt with one).</summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Offset);

    private async Task AcceptAndDispatchAsync(Guid id, string where = "workshop")
    {
        var desk = service.As("desk");
        await desk.CompleteAsync(id, "acceptRequest", new { fault = "No power after the update", customerInformed = true });
        await desk.CompleteAsync(id, "dispatchEngineer", new { engineer = Engineer, repairLocation = where });
    }

    /// <summary>Accepted, dispatched to the workshop, units received: the repair work (and its turnaround) has begun.</summary>
    private async Task<Guid> InTheWorkshopAsync(string customer, int units = 3, bool inWarranty = true)
    {
        var id = await OpenedAsync(customer, units, inWarranty);
        await AcceptAndDispatchAsync(id);
        await service.As(Engineer).CompleteAsync(id, "receiveUnits", new { unitsCondition = "Scratched case" });
        return id;
    }

    /// <summary>Assessed (no parts), agreed, repaired and accepted by the customer: the repair work is done.</summary>
    private async Task<Guid> RepairedAsync(string customer, bool inWarranty = true)
    {
        var id = await InTheWorkshopAsync(customer, inWarranty: inWarranty);
        var engineer = service.As(Engineer);
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Power board", repairPlan = "Reflow the board", partsSource = "none" });
        if (!inWarranty) await engineer.CompleteAsync(id, "quoteRepair", new { partsPrice = 0, labourPrice = 200, customerConsent = true });
        await engineer.CompleteAsync(id, "signAgreement", new { agreementSigned = true });
        await engineer.CompleteAsync(id, "repairDevice", new { repairMethod = "Board reflowed", repairResult = "Runs" });
        await service.As("agent").CompleteAsync(id, "customerAcceptance", new { customerAccepted = true });
        return id;
    }

    private async Task ClaimAsync(string user, Guid id, string elementId) =>
        await service.Host.Get<TaskService>().ClaimAsync(service.As(user).Caller, await service.As(user).TaskIdAsync(id, elementId));

    [Fact]
    public async Task An_out_of_warranty_repair_runs_from_the_order_through_quote_agreement_fees_and_follow_up_to_completed()
    {
        var desk = service.As("desk");
        var id = await OpenedAsync("Repair Happy Path Ltd", units: 12, inWarranty: false, receivedAgo: TimeSpan.FromHours(2));
        // Due 24 h after the request reached the centre, not after the order was typed in.
        AssertShape(await desk.InstanceAsync(id), "Running", ["acceptRequest"],
            ("acceptanceTimer", ToMilliseconds(service.Clock.GetUtcNow() - TimeSpan.FromHours(2)) + TimeSpan.FromHours(24)));

        await AcceptAndDispatchAsync(id);
        var engineer = service.As(Engineer);
        var received = Assert.Single(await engineer.TasksAsync(id));
        Assert.Equal(("receiveUnits", Engineer), (received.ElementId, received.Assignee));
        Assert.Empty(await service.As("agent").TasksAsync(id));
        await engineer.CompleteAsync(id, "receiveUnits");
        // Twelve units: ceil(12 / 10) = two days from the units' arrival for the whole repair work.
        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairWork", "assessFault"],
            ("repairTurnaroundTimer", service.Clock.GetUtcNow() + 2 * Day));
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Power board", repairPlan = "Swap board", partsSource = "warehouse" });
        await engineer.CompleteAsync(id, "quoteRepair", new { partsPrice = 300, labourPrice = 200, customerConsent = true });
        await engineer.CompleteAsync(id, "signAgreement", new { agreementSigned = true });
        await service.As("warehouse").CompleteAsync(id, "prepareParts", new { partsIssued = "PB-7" });
        await engineer.CompleteAsync(id, "repairDevice", new { repairMethod = "Board swapped", repairResult = "Runs" });
        await service.As("agent").CompleteAsync(id, "customerAcceptance", new { customerAccepted = true, acceptanceFeedback = "Fine" });

        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairSlipWork", "handInRepairSlip", "returnUnits", "settleFees"],
            ("repairSlipTimer", service.Clock.GetUtcNow() + 2 * Day));
        await engineer.CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-0001", slipComplete = true, slipSigned = true });
        await engineer.CompleteAsync(id, "returnUnits");
        // Finance settles the price the customer agreed to: the form shows the quote, read-only.
        var fees = await service.Host.Get<TaskService>().GetAsync(service.As("finance").Caller, await service.As("finance").TaskIdAsync(id, "settleFees"));
        var quote = fees.Form.Where(f => f.Field.Readonly).ToDictionary(f => f.Field.Id, f => f.Value!.Value.GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["partsPrice"] = 300, ["labourPrice"] = 200 }, quote);
        await service.As("finance").CompleteAsync(id, "settleFees", new { paymentReceived = true });
        await service.As("agent").FinishAsync(id, "followUpCall", new { satisfaction = "5", comments = "满意" });

        var done = await desk.InstanceAsync(id);
        AssertShape(done, "Completed", []);
        Assert.Equal(500, done.State.Variables["partsPrice"].GetInt32() + done.State.Variables["labourPrice"].GetInt32());
        Assert.True(done.State.Variables["paymentReceived"].GetBoolean());
        Assert.Contains(await desk.HistoryAsync(id), h => h.ElementId == "repairClosed");
    }

    [Fact]
    public async Task A_request_not_accepted_within_24_hours_of_reaching_the_centre_is_escalated_and_charged_to_the_desk()
    {
        var dueAt = ToMilliseconds(service.Clock.GetUtcNow() - TimeSpan.FromHours(23)) + TimeSpan.FromHours(24);
        var id = await OpenedAsync("Repair Late Acceptance Co", receivedAgo: TimeSpan.FromHours(23));

        await service.AdvanceAsync(TimeSpan.FromHours(1) + Minute);

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Repair Late Acceptance Co");
        // Chinese first, the English beside it.
        Assert.StartsWith("【服务升级】客户 Repair Late Acceptance Co 的服务请求 24 小时内未受理 / ", mail.Subject);
        Assert.Contains("Service request from Repair Late Acceptance Co not accepted within 24 h", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "acceptance-24h");
        // Charged to the desk member holding the request; nobody had claimed it, so to the desk group.
        Assert.Equal((dueAt, null, "service-desk"), (breach.DueAt, breach.Responsible, breach.ResponsibleGroup));
        var desk = service.As("desk");
        AssertShape(await desk.InstanceAsync(id), "Running", ["acceptRequest"]);
        await desk.CompleteAsync(id, "acceptRequest", new { fault = "No power", customerInformed = true });
    }

    [Fact]
    public async Task A_request_accepted_within_24_hours_of_reaching_the_centre_is_no_breach_and_goes_to_dispatch()
    {
        var id = await OpenedAsync("Repair Timely Acceptance Co", receivedAgo: TimeSpan.FromHours(20));
        await service.AdvanceAsync(TimeSpan.FromHours(3));
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { fault = "No power", customerInformed = true });

        await service.AdvanceAsync(TimeSpan.FromHours(2));

        AssertShape(await service.As("desk").InstanceAsync(id), "Running", ["dispatchEngineer"]);
        Assert.Empty(await service.As("manager").BreachesAsync(id));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(25, 3)]
    public async Task A_repair_not_done_a_day_per_ten_units_after_the_units_arrived_is_escalated(int units, int days)
    {
        var id = await InTheWorkshopAsync($"Repair Slow Workshop {units} GmbH", units);
        var receivedAt = service.Clock.GetUtcNow();

        await service.AdvanceAsync(days * Day - Minute);
        Assert.Empty(await service.As("manager").BreachesAsync(id));
        await service.AdvanceAsync(2 * Minute);

        var mail = await service.ExpectEscalationAsync(id, "repair-turnaround", $"Repair Slow Workshop {units} GmbH");
        Assert.Contains($"({units} units) not completed within {days} day(s)", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal(receivedAt + days * Day, breach.DueAt);
        // The timer watches the repairWork subprocess: charged to the engineer dispatched (responsible=${engineer}).
        Assert.Equal(Engineer, breach.Responsible);
        AssertShape(await service.As(Engineer).InstanceAsync(id), "Running", ["repairWork", "assessFault"]);
    }

    [Fact]
    public async Task A_repair_accepted_within_its_turnaround_records_no_breach()
    {
        var id = await RepairedAsync("Repair Quick Fix Ltd");
        await service.AdvanceAsync(Day + Minute);

        Assert.DoesNotContain(await service.As("manager").BreachesAsync(id), b => b.Rule == "repair-turnaround");
    }

    [Fact]
    public async Task An_engineer_not_on_site_by_the_end_of_the_agreed_day_is_charged_the_breach()
    {
        var id = await OpenedAsync("Repair Late Arrival SA");
        await AcceptAndDispatchAsync(id, "onSite");
        var engineer = service.As(Engineer);
        var agreedDay = DateOnly.FromDateTime(service.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        await engineer.CompleteAsync(id, "bookAppointment", new { appointmentDate = agreedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        // The end of the agreed day where the department works (China, UTC+8).
        var dueAt = new DateTimeOffset(agreedDay.AddDays(1), TimeOnly.MinValue, TimeSpan.FromHours(8));
        Assert.Equal(dueAt, (await engineer.TasksAsync(id)).Single().DueAt);

        await service.AdvanceAsync(dueAt - service.Clock.GetUtcNow() + Minute);

        var breach = await service.ExpectBreachAsync(id, "on-site-arrival");
        Assert.Equal(("arrivalTimer", dueAt, Engineer), (breach.ElementId, breach.DueAt, breach.Responsible));
        await engineer.CompleteAsync(id, "confirmArrival", new { arrivalNote = "Traffic" });
        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairWork", "assessFault"],
            ("repairTurnaroundTimer", service.Clock.GetUtcNow() + Day));
    }

    [Fact]
    public async Task An_engineer_on_site_within_the_agreed_day_records_no_breach()
    {
        var id = await OpenedAsync("Repair Punctual Arrival SA");
        await AcceptAndDispatchAsync(id, "onSite");
        var engineer = service.As(Engineer);
        var agreedDay = DateOnly.FromDateTime(service.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        await engineer.CompleteAsync(id, "bookAppointment", new { appointmentDate = agreedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var dueAt = new DateTimeOffset(agreedDay.AddDays(1), TimeOnly.MinValue, TimeSpan.FromHours(8));
        await service.AdvanceAsync(dueAt - service.Clock.GetUtcNow() - TimeSpan.FromHours(1));
        await engineer.CompleteAsync(id, "confirmArrival");

        await service.AdvanceAsync(Day);

        Assert.DoesNotContain(await service.As("manager").BreachesAsync(id), b => b.Rule == "on-site-arrival");
    }

    [Fact]
    public async Task A_customer_refusing_the_price_ends_the_repair_with_the_unit_returned_unrepaired()
    {
        var id = await InTheWorkshopAsync("Repair Too Expensive Ltd", inWarranty: false);
        var engineer = service.As(Engineer);
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Display", repairPlan = "New panel", partsSource = "maker" });
        await engineer.CompleteAsync(id, "quoteRepair", new { partsPrice = 1800, labourPrice = 300, customerConsent = false });
        // The units are in the workshop: the engineer dispatched hands them back, and only then is the order closed.
        var handBack = Assert.Single(await engineer.TasksAsync(id));
        Assert.Equal(("handBackUnrepaired", Engineer), (handBack.ElementId, handBack.Assignee));
        await engineer.FinishAsync(id, "handBackUnrepaired", new { handBackNote = "Collected at the counter" });

        var history = await engineer.HistoryAsync(id);
        Assert.Contains(history, h => h.ElementId == "returnedUnrepaired");
        Assert.DoesNotContain(history, h => h.ElementId is "repairDevice" or "settleFees");
    }

    [Fact]
    public async Task A_refused_acceptance_sends_the_work_back_to_the_engineer()
    {
        var id = await InTheWorkshopAsync("Repair Not Accepted GmbH");
        var engineer = service.As(Engineer);
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Fan", repairPlan = "Clean fan", partsSource = "none" });
        await engineer.CompleteAsync(id, "signAgreement", new { agreementSigned = true });
        await engineer.CompleteAsync(id, "repairDevice", new { repairMethod = "Cleaned", repairResult = "Quieter" });

        await service.As("agent").CompleteAsync(id, "customerAcceptance", new { customerAccepted = false, acceptanceFeedback = "Still loud" });

        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairWork", "repairDevice"],
            ("repairTurnaroundTimer", (await engineer.InstanceAsync(id)).PendingTimers.Single().DueAt));
        Assert.Equal(Engineer, (await engineer.TasksAsync(id)).Single().Assignee);
    }

    [Fact]
    public async Task An_unsigned_repair_slip_goes_back_and_a_slip_not_valid_two_days_after_the_repair_is_one_breach_without_email()
    {
        var id = await RepairedAsync("Repair Missing Slip AG");
        var repairedAt = service.Clock.GetUtcNow();
        var engineer = service.As(Engineer);
        await engineer.CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-0002", slipComplete = true, slipSigned = false });
        Assert.Contains("handInRepairSlip", (await engineer.InstanceAsync(id)).ActiveElementIds);

        await service.AdvanceAsync(2 * Day + Minute);

        var breach = await service.ExpectBreachAsync(id, "repair-slip-2d");
        Assert.Equal(("repairSlipTimer", repairedAt + 2 * Day), (breach.ElementId, breach.DueAt));
        Assert.Equal(Engineer, breach.Responsible); // the engineer who holds the slip (20 yuan in the regulations)
        await service.Host.WaitForIdleJobsAsync();
        Assert.Empty(await service.Host.ReadAsync(db => Task.FromResult(db.Outbox.Where(o => o.InstanceId == id).ToList())));
        Assert.DoesNotContain(service.Smtp.Received, m => m.Subject.Contains("Repair Missing Slip AG"));
        await engineer.CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-0002", slipComplete = true, slipSigned = true });
        Assert.DoesNotContain("repairSlipWork", (await engineer.InstanceAsync(id)).ActiveElementIds);
        Assert.Single(await service.As("manager").BreachesAsync(id));
    }

    [Fact]
    public async Task A_follow_up_call_not_made_within_three_days_of_the_units_going_back_is_escalated_and_charged_to_the_agent()
    {
        var id = await RepairedAsync("Repair Forgotten Follow-up SA");
        await service.As(Engineer).CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-0003", slipComplete = true, slipSigned = true });
        await service.AdvanceAsync(TimeSpan.FromHours(5));
        await service.As(Engineer).CompleteAsync(id, "returnUnits");
        var returnedAt = service.Clock.GetUtcNow();
        await ClaimAsync("agent", id, "followUpCall");

        await service.AdvanceAsync(3 * Day + Minute);

        var mail = await service.ExpectEscalationAsync(id, "follow-up-3d", "Repair Forgotten Follow-up SA");
        Assert.Contains("Follow-up call to Repair Forgotten Follow-up SA not made within 3 days", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "follow-up-3d");
        Assert.Equal((returnedAt + 3 * Day, "agent"), (breach.DueAt, breach.Responsible));
        await service.As("agent").FinishAsync(id, "followUpCall", new { satisfaction = "3" });
    }
}
