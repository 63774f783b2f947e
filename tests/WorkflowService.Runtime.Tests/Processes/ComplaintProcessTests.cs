using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped complaint process (投诉) through the runtime's services: an attitude complaint that cannot be
/// agreed with the customer goes up to a manager by email, and a complaint still open after the
/// deadline is escalated by its timer.
/// </summary>
public sealed class ComplaintProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<Guid> RecordedAsync(string customer, string category)
    {
        var agent = service.As("agent");
        var id = await agent.StartAsync("complaint", businessKey: $"C-{customer}");
        await agent.CompleteAsync(id, "recordComplaint", new
        {
            customer, contactPhone = "+86 21 5555 0177", category, description = "The engineer was rude on site", owner = "agent",
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
        await agent.CompleteAsync(id, "analyseCause", new { cause = "Overtime, stress" });
        await manager.CompleteAsync(id, "investigateStaff", new { staffMember = "engineer", findings = "Confirmed", penalty = true });
        await agent.CompleteAsync(id, "proposeSolution", new { solution = "Apology and free service", resolved = false });

        var escalation = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("Complaint Happy Path Ltd"),
            "the escalation of the unresolved complaint"));
        Assert.StartsWith("Complaint from Complaint Happy Path Ltd could not be resolved: escalated to a manager [complaint-escalation]",
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
    public async Task A_complaint_still_open_after_two_days_is_escalated_to_the_manager_with_the_owner_in_copy()
    {
        var id = await RecordedAsync("Complaint Dragging On GmbH", "quality");

        await service.AdvanceAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "complaint-escalation", "Complaint Dragging On GmbH");
        Assert.StartsWith("Complaint from Complaint Dragging On GmbH not resolved in time", mail.Subject);
        Assert.Equal(["agent@example.com"], mail.Message.Cc.Mailboxes.Select(m => m.Address));
        AssertShape(await service.As("agent").InstanceAsync(id), "Running", ["complaintHandling", "verifyFacts"]);
    }
}
