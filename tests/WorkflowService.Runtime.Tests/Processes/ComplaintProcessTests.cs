using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped complaint process (投诉) through the runtime's services, started with a complaint order's facts: recorded
/// within 24 h of its arrival, handled by its named owner, an attitude complaint that cannot be agreed with the customer
/// goes up to a manager by email, a dissatisfied complainant reopens it, and one still open after the deadline is
/// escalated by its timer.
/// </summary>
public sealed class ComplaintProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private DateTimeOffset NowMs
    {
        get
        {
            var now = service.Clock.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        }
    }

    private async Task<Guid> ReceivedAsync(string customer, TimeSpan? receivedAgo = null) =>
        await service.As("agent").StartAsync("complaint", new
        {
            orderNumber = $"TS-{customer}", customer, contactPhone = "+86 21 5555 0177",
            receivedAt = (service.Clock.GetUtcNow() - (receivedAgo ?? TimeSpan.Zero)).ToString("O"),
        }, businessKey: $"TS-{customer}");

    private async Task<Guid> RecordedAsync(string customer, string category)
    {
        var id = await ReceivedAsync(customer);
        await service.As("agent").CompleteAsync(id, "recordComplaint", new
        {
            category, description = "The engineer was rude on site", owner = "agent",
        });
        return id;
    }

    [Fact]
    public async Task An_unresolved_attitude_complaint_is_investigated_escalated_by_email_and_completed()
    {
        var id = await RecordedAsync("Complaint Happy Path Ltd", "attitude");
        var agent = service.As("agent");
        var manager = service.As("manager");
        AssertShape(await agent.InstanceAsync(id), "Running", ["complaintHandling", "verifyFacts"],
            ("complaintEscalationTimer", service.Clock.GetUtcNow() + TimeSpan.FromDays(2)));

        await agent.CompleteAsync(id, "verifyFacts", new { facts = "Confirmed by two witnesses" });
        await agent.CompleteAsync(id, "analyseCause", new { cause = "attitude", causeDetail = "Overtime, stress" });
        await manager.CompleteAsync(id, "investigateStaff", new { staffMember = "engineer", findings = "Confirmed", penalty = true, penaltyAmount = 50 });
        await agent.CompleteAsync(id, "proposeSolution", new { solution = "Apology and free service", resolved = false });

        var escalation = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("Complaint Happy Path Ltd"),
            "the escalation of the unresolved complaint"));
        Assert.Contains("Complaint from Complaint Happy Path Ltd could not be resolved: escalated to a manager [complaint-escalation]",
            escalation.Subject);
        Assert.Contains(ServiceFixture.ManagerAddress, escalation.EnvelopeTo);
        Assert.Equal(["agent@example.com"], escalation.Message.Cc.Mailboxes.Select(m => m.Address));

        await manager.CompleteAsync(id, "resolveEscalatedComplaint", new { managerDecision = "Refund the call-out fee" });
        await agent.CompleteAsync(id, "carryOutSolution", new { progressNote = "Refunded" });
        await agent.CompleteAsync(id, "confirmCustomerSatisfied", new { customerSatisfied = true, satisfaction = "4" });
        await manager.CompleteAsync(id, "preventRecurrence", new { rootCause = "Overtime", preventiveAction = "Rota change" });

        AssertShape(await manager.InstanceAsync(id), "Completed", []);
        Assert.Empty(await manager.BreachesAsync(id));
    }

    [Fact]
    public async Task The_owner_s_steps_are_theirs_alone_not_offered_to_the_other_agents()
    {
        var id = await RecordedAsync("Complaint Named Owner Ltd", "delay");

        Assert.Empty(await service.As("agent2").TasksAsync(id));
        var task = Assert.Single(await service.As("agent").TasksAsync(id));
        Assert.Equal(("verifyFacts", "agent"), (task.ElementId, task.Assignee));
    }

    [Fact]
    public async Task A_dissatisfied_complainant_reopens_the_complaint_to_a_new_solution()
    {
        var id = await RecordedAsync("Complaint Reopened Ltd", "quality");
        var agent = service.As("agent");
        await agent.CompleteAsync(id, "verifyFacts");
        await agent.CompleteAsync(id, "analyseCause");
        await agent.CompleteAsync(id, "proposeSolution", new { solution = "Second repair", resolved = true });
        await agent.CompleteAsync(id, "carryOutSolution");

        await agent.CompleteAsync(id, "confirmCustomerSatisfied", new { customerSatisfied = false, satisfaction = "1" });

        AssertShape(await agent.InstanceAsync(id), "Running", ["complaintHandling", "proposeSolution"],
            ("complaintEscalationTimer", service.Clock.GetUtcNow() + TimeSpan.FromDays(2)));
        Assert.Empty(await service.As("manager").TasksAsync(id));
    }

    [Fact]
    public async Task A_complaint_still_open_after_two_days_is_escalated_to_the_manager_with_the_owner_in_copy()
    {
        var id = await RecordedAsync("Complaint Dragging On GmbH", "quality");

        await service.AdvanceAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "complaint-escalation", "Complaint Dragging On GmbH");
        Assert.Contains("Complaint from Complaint Dragging On GmbH not resolved in time", mail.Subject);
        Assert.Equal(["agent@example.com"], mail.Message.Cc.Mailboxes.Select(m => m.Address));
        AssertShape(await service.As("agent").InstanceAsync(id), "Running", ["complaintHandling", "verifyFacts"]);
    }

    [Fact]
    public async Task A_complaint_not_recorded_within_24_hours_of_its_arrival_is_escalated_and_can_still_be_recorded()
    {
        var id = await ReceivedAsync("Complaint Left Unrecorded Co", receivedAgo: TimeSpan.FromHours(20));
        AssertShape(await service.As("agent").InstanceAsync(id), "Running", ["recordComplaint"],
            ("acceptanceTimer", service.Clock.GetUtcNow() + TimeSpan.FromHours(4)));

        await service.AdvanceAsync(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Complaint Left Unrecorded Co");
        Assert.Contains("Complaint from Complaint Left Unrecorded Co not accepted within 24 h", mail.Subject);
        await service.As("agent").CompleteAsync(id, "recordComplaint", new { category = "delay", description = "Late", owner = "agent" });
    }

    [Fact]
    public async Task A_complaint_recorded_within_24_hours_of_its_arrival_records_no_breach()
    {
        var id = await ReceivedAsync("Complaint Recorded In Time Co", receivedAgo: TimeSpan.FromHours(20));
        await service.AdvanceAsync(TimeSpan.FromHours(3));
        await service.As("agent").CompleteAsync(id, "recordComplaint", new { category = "price", description = "Too dear", owner = "agent" });

        await service.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Empty(await service.As("manager").BreachesAsync(id, "acceptance-24h"));
    }

    [Fact]
    public async Task A_complaint_not_handled_in_time_is_charged_to_its_owner()
    {
        var id = await RecordedAsync("Complaint Charged To Owner Ltd", "quality");

        await service.AdvanceAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));

        var breach = await service.ExpectBreachAsync(id, "complaint-escalation");
        Assert.Equal("agent", breach.Responsible); // the owner named when the complaint was recorded (responsible=${owner})
    }

    [Fact]
    public async Task The_cause_is_one_of_the_dashboards_causes_with_its_detail_as_free_text()
    {
        var id = await RecordedAsync("Complaint Cause Ltd", "quality");
        var agent = service.As("agent");
        await agent.CompleteAsync(id, "verifyFacts");

        var refused = await Assert.ThrowsAsync<WorkflowService.Runtime.Instances.ValidationException>(() =>
            agent.CompleteAsync(id, "analyseCause", new { cause = "Roller of a bad batch" }));
        Assert.Contains(refused.Errors, e => e.Field == "cause");

        await agent.CompleteAsync(id, "analyseCause", new { cause = "repairQuality", causeDetail = "Roller of a bad batch" });
        var variables = (await agent.InstanceAsync(id)).State.Variables;
        Assert.Equal("repairQuality", variables["cause"].GetString());
        Assert.Equal("Roller of a bad batch", variables["causeDetail"].GetString());
    }
}
