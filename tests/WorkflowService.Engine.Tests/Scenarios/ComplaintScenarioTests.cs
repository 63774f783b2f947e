using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/complaint.bpmn: 投诉, recorded at once, handled by its owner, escalated when unresolved or late.</summary>
public sealed class ComplaintScenarioTests
{
    private const string Customer = "Ms. Huang, Jinqiao Mall";
    private const string Owner = "zhao.min";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Recorded(string category = "quality")
    {
        var sim = Simulation.Start(ShippedProcesses.Complaint);
        sim.Submit("recordComplaint", new
        {
            customer = Customer, contactPhone = "139-0000-1111", category,
            description = "The repaired printer failed again after a week", owner = Owner,
        });
        return sim;
    }

    private static void VerifyAndAnalyse(Simulation sim)
    {
        sim.Submit("verifyFacts", new { facts = "Same fault as the first repair" }, by: Owner);
        sim.Submit("analyseCause", new { cause = "Roller of a bad batch" }, by: Owner);
    }

    private static void CarryOutAndConfirm(Simulation sim)
    {
        sim.Submit("carryOutSolution", new { progressNote = "Roller replaced from a new batch" }, by: Owner);
        sim.Submit("confirmCustomerSatisfied", new { customerSatisfied = true, satisfaction = "4" }, by: Owner);
    }

    private static void PreventRecurrence(Simulation sim) =>
        sim.Submit("preventRecurrence", new { rootCause = "Supplier batch", preventiveAction = "Incoming inspection of rollers" });

    [Fact]
    public void A_resolved_quality_complaint_is_handled_by_its_owner_then_analysed_to_prevent_recurrence()
    {
        var sim = Simulation.Start(ShippedProcesses.Complaint);
        sim.AssertOpenFor("recordComplaint", ["agents"]);
        sim.Submit("recordComplaint", new { customer = Customer, category = "quality", description = "Failed again", owner = Owner });
        sim.AssertOpenFor("verifyFacts", ["agents"], assignee: Owner);
        sim.Submit("verifyFacts", by: Owner);
        sim.AssertOpenFor("analyseCause", ["agents"], assignee: Owner);
        sim.Submit("analyseCause", by: Owner);
        sim.AssertOpenFor("proposeSolution", ["agents"], assignee: Owner);
        sim.Submit("proposeSolution", new { solution = "Free second repair", resolved = true }, by: Owner);
        sim.AssertOpenFor("carryOutSolution", ["agents"], assignee: Owner);
        sim.Submit("carryOutSolution", by: Owner);
        sim.AssertOpenFor("confirmCustomerSatisfied", ["agents"], assignee: Owner);
        sim.Submit("confirmCustomerSatisfied", new { customerSatisfied = true }, by: Owner);
        sim.AssertOpenFor("preventRecurrence", ["managers"]);
        PreventRecurrence(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "complaintReceived", "recordComplaint", "handlingStarted", "verifyFacts", "analyseCause", "attitudeGateway",
                "attitudeMerge", "proposeSolution", "resolvedGateway", "solutionMerge", "carryOutSolution",
                "confirmCustomerSatisfied", "handlingCompleted", "complaintHandling", "preventRecurrence", "complaintClosed",
            ],
            sim.Path);
        Assert.DoesNotContain(sim.Commands, c => c is CreateExternalTask);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void A_complaint_about_a_staff_members_attitude_is_investigated_by_the_managers()
    {
        var sim = Recorded(category: "attitude");
        VerifyAndAnalyse(sim);

        sim.AssertOpenFor("investigateStaff", ["managers"]);
        Assert.False(sim.HasTask("proposeSolution"));
        sim.Submit("investigateStaff", new { staffMember = "hotline agent 07", findings = "Rude on the phone", penalty = true });
        sim.Submit("proposeSolution", new { solution = "Apology and voucher", resolved = true }, by: Owner);
        CarryOutAndConfirm(sim);
        PreventRecurrence(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(["attitudeGateway", "investigateStaff", "attitudeMerge", "proposeSolution"],
            sim.Path.SkipWhile(e => e != "attitudeGateway").Take(4));
    }

    [Theory]
    [InlineData("quality")]
    [InlineData("delay")]
    [InlineData("price")]
    [InlineData("other")]
    public void Other_categories_skip_the_staff_investigation(string category)
    {
        var sim = Recorded(category);
        VerifyAndAnalyse(sim);

        Assert.True(sim.HasTask("proposeSolution"));
        Assert.DoesNotContain(sim.Commands, c => c is CreateUserTask { ElementId: "investigateStaff" });
    }

    [Fact]
    public void An_unresolved_complaint_is_emailed_to_the_managers_copying_the_owner_and_a_manager_resolves_it()
    {
        var sim = Recorded();
        VerifyAndAnalyse(sim);
        sim.Submit("proposeSolution", new { solution = "Partial refund", resolved = false }, by: Owner);

        Assert.Equal($"Complaint from {Customer} could not be resolved: escalated to a manager",
            sim.AssertEscalationEmail("escalateToSupervisor", "complaint-escalation", cc: Owner));
        Assert.False(sim.HasTask("resolveEscalatedComplaint"));
        sim.CompleteExternalTask("escalateToSupervisor");
        sim.AssertOpenFor("resolveEscalatedComplaint", ["managers"]);
        sim.Submit("resolveEscalatedComplaint", new { managerDecision = "Full refund" });
        CarryOutAndConfirm(sim);
        PreventRecurrence(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(["resolvedGateway", "escalateToSupervisor", "resolveEscalatedComplaint", "solutionMerge"],
            sim.Path.SkipWhile(e => e != "resolvedGateway").Take(4));
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void Handling_not_finished_within_two_days_is_a_breach_escalated_while_the_handling_goes_on()
    {
        var sim = Recorded();
        sim.AdvanceBy(TimeSpan.FromHours(1));
        sim.Submit("verifyFacts", by: Owner);

        sim.AdvanceBy(TimeSpan.FromDays(2));

        sim.AssertSingleBreach("complaint-escalation", "complaintEscalationTimer", Epoch.AddDays(2));
        Assert.Equal($"Complaint from {Customer} not resolved in time",
            sim.AssertEscalationEmail("complaintEscalationEmail", "complaint-escalation", cc: Owner));
        Assert.True(sim.HasTask("analyseCause"));
        sim.CompleteExternalTask("complaintEscalationEmail");

        sim.Submit("analyseCause", by: Owner);
        sim.Submit("proposeSolution", new { resolved = true }, by: Owner);
        CarryOutAndConfirm(sim);
        PreventRecurrence(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("complaintEscalated", sim.Path);
    }

    [Fact]
    public void Handling_finished_within_two_days_records_no_breach_even_if_prevention_takes_longer()
    {
        var sim = Recorded();
        VerifyAndAnalyse(sim);
        sim.AdvanceBy(TimeSpan.FromDays(1));
        sim.Submit("proposeSolution", new { resolved = true }, by: Owner);
        sim.AdvanceBy(TimeSpan.FromHours(23));
        CarryOutAndConfirm(sim);

        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "complaintEscalationTimer" });
        sim.AdvanceBy(TimeSpan.FromDays(10));
        PreventRecurrence(sim);
        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void The_forms_refuse_a_solution_without_the_resolved_answer_and_an_unknown_category()
    {
        var noAnswer = TaskForms.Validate(ShippedProcesses.Complaint, "proposeSolution", new { solution = "Refund" });
        var badCategory = TaskForms.Validate(ShippedProcesses.Complaint, "recordComplaint",
            new { customer = Customer, category = "rudeness", description = "Rude", owner = Owner });

        Assert.Equal(("resolved", "required"), Assert.Single(noAnswer.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("category", "enum"), Assert.Single(badCategory.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
