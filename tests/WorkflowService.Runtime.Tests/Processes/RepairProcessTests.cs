using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped repair process (维修) through the runtime's services: every task done by the demo user of
/// the right group with valid form values, and its service rules breached on a fake clock.
/// </summary>
public sealed class RepairProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private async Task<Guid> RegisteredAsync(string customer, int units, bool inWarranty)
    {
        var desk = service.As("desk");
        var id = await desk.StartAsync("repair", businessKey: $"R-{customer}");
        await desk.CompleteAsync(id, "registerRequest", new
        {
            customer, contactPerson = "Li Wei 李伟", contactPhone = "+86 21 5555 0101", model = "X1-Pro", serial = "IMEI-3569",
            fault = "No power after the update", units, inWarranty,
        });
        return id;
    }

    private async Task<Guid> RepairedAsync(string customer, int units, bool inWarranty)
    {
        var id = await RegisteredAsync(customer, units, inWarranty);
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { customerInformed = true, acceptanceNote = "Accepted" });
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Power board", repairPlan = "Swap board", repairLocation = "workshop" });
        await service.As("warehouse").CompleteAsync(id, "prepareParts", new { partsIssued = "Power board PB-7" });
        await engineer.CompleteAsync(id, "bookAppointment", new { appointmentDate = "2026-12-01", appointmentNote = "Morning" });
        await engineer.CompleteAsync(id, "repairDevice", new { repairMethod = "Board swapped", repairResult = "Runs" });
        return id;
    }

    [Fact]
    public async Task An_out_of_warranty_repair_runs_from_registration_through_fees_and_follow_up_to_completed()
    {
        var desk = service.As("desk");
        var id = await RegisteredAsync("Repair Happy Path Ltd", units: 12, inWarranty: false);
        AssertShape(await desk.InstanceAsync(id), "Running", ["acceptRequest"],
            ("acceptanceTimer", service.Clock.GetUtcNow() + Day));

        await desk.CompleteAsync(id, "acceptRequest", new { customerInformed = true });
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Power board", repairLocation = "onSite" });
        await service.As("warehouse").CompleteAsync(id, "prepareParts", new { partsIssued = "PB-7" });
        await engineer.CompleteAsync(id, "bookAppointment", new { appointmentDate = "2026-12-01" });
        // Twelve units: ceil(12 / 10) = two days for the whole repair work.
        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairWork", "repairDevice"],
            ("repairTurnaroundTimer", service.Clock.GetUtcNow() + 2 * Day));
        await engineer.CompleteAsync(id, "repairDevice", new { repairMethod = "Board swapped", repairResult = "Runs" });

        AssertShape(await engineer.InstanceAsync(id), "Running", ["handInRepairSlip", "customerAcceptance"],
            ("repairSlipTimer", service.Clock.GetUtcNow() + 2 * Day));
        await engineer.CompleteAsync(id, "handInRepairSlip", new { slipNumber = "S-0001", slipSigned = true });
        var agent = service.As("agent");
        await agent.CompleteAsync(id, "customerAcceptance", new { customerAccepted = true, acceptanceFeedback = "Fine" });
        await service.As("finance").CompleteAsync(id, "settleFees", new { partsPrice = 300, labourPrice = 200, paymentReceived = true });
        await agent.CompleteAsync(id, "followUpCall", new { satisfaction = "5", comments = "满意" });

        var done = await desk.InstanceAsync(id);
        AssertShape(done, "Completed", []);
        Assert.Equal(500, done.State.Variables["partsPrice"].GetInt32() +
                          done.State.Variables["labourPrice"].GetInt32());
        Assert.Empty(await desk.TasksAsync(id));
    }

    [Fact]
    public async Task A_request_not_accepted_within_24_hours_is_escalated_by_email_and_stays_open()
    {
        var id = await RegisteredAsync("Repair Late Acceptance Co", units: 3, inWarranty: true);

        await service.AdvanceAsync(Day + TimeSpan.FromMinutes(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Repair Late Acceptance Co");
        Assert.StartsWith("Service request from Repair Late Acceptance Co not accepted within 24 h", mail.Subject);
        var desk = service.As("desk");
        AssertShape(await desk.InstanceAsync(id), "Running", ["acceptRequest"]);
        await desk.CompleteAsync(id, "acceptRequest", new { customerInformed = true });
    }

    [Fact]
    public async Task A_repair_taking_longer_than_a_day_per_ten_units_is_escalated_by_email()
    {
        var id = await RegisteredAsync("Repair Slow Workshop GmbH", units: 25, inWarranty: true);
        var startedAt = await StartRepairWorkAsync(id);

        await service.AdvanceAsync(3 * Day + TimeSpan.FromMinutes(1));

        var mail = await service.ExpectEscalationAsync(id, "repair-turnaround", "Repair Slow Workshop GmbH");
        Assert.Contains("(25 units) not completed within 3 day(s)", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal(startedAt + 3 * Day, breach.DueAt);
        // The timer watches the repairWork subprocess: the engineers' open tasks inside it are charged.
        Assert.Equal("engineers", breach.ResponsibleGroup);
        var engineer = service.As("engineer");
        AssertShape(await engineer.InstanceAsync(id), "Running", ["repairWork", "bookAppointment"]);
    }

    [Fact]
    public async Task A_repair_slip_not_handed_in_within_two_days_is_recorded_as_a_breach_without_email()
    {
        var id = await RepairedAsync("Repair Missing Slip AG", units: 5, inWarranty: true);

        await service.AdvanceAsync(2 * Day + TimeSpan.FromMinutes(1));

        var breach = await service.ExpectBreachAsync(id, "repair-slip-2d");
        Assert.Equal("repairSlipTimer", breach.ElementId);
        // Nobody claimed the slip: no person is charged, the group is.
        Assert.Null(breach.Responsible);
        Assert.Equal("engineers", breach.ResponsibleGroup);
        await service.Host.WaitForIdleJobsAsync();
        Assert.Empty(await service.Host.ReadAsync(db => Task.FromResult(db.Outbox.Where(o => o.InstanceId == id).ToList())));
        Assert.DoesNotContain(service.Smtp.Received, m => m.Subject.Contains("Repair Missing Slip AG"));
        var engineer = service.As("engineer");
        Assert.Contains("handInRepairSlip", (await engineer.InstanceAsync(id)).ActiveElementIds);
    }

    [Fact]
    public async Task A_follow_up_call_not_made_within_three_days_is_escalated_by_email()
    {
        var id = await RepairedAsync("Repair Forgotten Follow-up SA", units: 1, inWarranty: true);
        await service.As("engineer").CompleteAsync(id, "handInRepairSlip", new { slipSigned = true });
        await service.As("agent").CompleteAsync(id, "customerAcceptance", new { customerAccepted = true });

        await service.AdvanceAsync(3 * Day + TimeSpan.FromMinutes(1));

        var mail = await service.ExpectEscalationAsync(id, "follow-up-3d", "Repair Forgotten Follow-up SA");
        Assert.StartsWith("Follow-up call to Repair Forgotten Follow-up SA not made within 3 days", mail.Subject);
        var agent = service.As("agent");
        await agent.FinishAsync(id, "followUpCall", new { satisfaction = "3" });
    }

    private async Task<DateTimeOffset> StartRepairWorkAsync(Guid id)
    {
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { customerInformed = true });
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "assessFault", new { diagnosis = "Fan" });
        var startedAt = service.Clock.GetUtcNow();
        await service.As("warehouse").CompleteAsync(id, "prepareParts", new { partsIssued = "Fan F-2" });
        return startedAt;
    }
}
