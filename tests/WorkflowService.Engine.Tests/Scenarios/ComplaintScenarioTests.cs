using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/complaint.bpmn: 投诉, recorded at once, handled by its named owner, escalated when unresolved or late, reopened when the customer is not satisfied.</summary>
public sealed class ComplaintScenarioTests
{
    private const string Customer = "Ms. Huang, Jinqiao Mall";
    private const string Owner = "zhao.min";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    /// <summary>A complaint order: the centre received it <paramref name="receivedHoursAgo"/> hours before the process started.</summary>
    private static Simulation Received(int receivedHoursAgo = 0) =>
        Simulation.Start(ShippedProcesses.Complaint, new
        {
            orderNumber = "TS-20260302-001", customer = Customer, contactPhone = "139-0000-1111",
            receivedAt = Epoch.AddHours(-receivedHoursAgo).ToString("O"),
        });

    private static Simulation Recorded(string category = "quality")
    {
        var sim = Received();
        sim.Submit("recordComplaint", new { category, description = "The repaired printer failed again after a week", owner = Owner });
        return sim;
    }

    private static void VerifyAndAnalyse(Simulation sim)
    {
        sim.Submit("verifyFacts", new { facts = "Same fault as the first repair" }, by: Owner);
        sim.Submit("analyseCause", new { cause = "productQuality", causeDetail = "Roller of a bad batch" }, by: Owner);
    }

    private static void Propose(Simulation sim, bool agreed = true) =>
        sim.Submit("proposeSolution", new { solution = "Free second repair", resolved = agreed }, by: Owner);

    private static void CarryOutAndConfirm(Simulation sim, bool satisfied = true)
    {
        sim.Submit("carryOutSolution", new { progressNote = "Roller replaced from a new batch" }, by: Owner);
        sim.Submit("confirmCustomerSatisfied", new { customerSatisfied = satisfied, satisfaction = satisfied ? "4" : "2" }, by: Owner);
    }

    private static void PreventRecurrence(Simulation sim) =>
        sim.Submit("preventRecurrence", new { rootCause = "Supplier batch", preventiveAction = "Incoming inspection of rollers" });

    [Fact]
    public void A_resolved_quality_complaint_is_handled_by_its_owner_alone_then_analysed_to_prevent_recurrence()
    {
        var sim = Received();
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("recordComplaint", ["agents"]).DueAt);
        sim.Submit("recordComplaint", new { category = "quality", description = "Failed again", owner = Owner });
        foreach (var step in new[] { "verifyFacts", "analyseCause" })
        {
            sim.AssertOpenFor(step, [], assignee: Owner);
            sim.Submit(step, by: Owner);
        }
        sim.AssertOpenFor("proposeSolution", [], assignee: Owner);
        Propose(sim);
        sim.AssertOpenFor("carryOutSolution", [], assignee: Owner);
        sim.Submit("carryOutSolution", by: Owner);
        sim.AssertOpenFor("confirmCustomerSatisfied", [], assignee: Owner);
        sim.Submit("confirmCustomerSatisfied", new { customerSatisfied = true }, by: Owner);
        sim.AssertOpenFor("preventRecurrence", ["managers"]);
        PreventRecurrence(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "complaintReceived", "recordComplaint", "handlingStarted", "verifyFacts", "analyseCause", "attitudeGateway",
                "attitudeMerge", "proposeSolution", "resolvedGateway", "solutionMerge", "carryOutSolution",
                "confirmCustomerSatisfied", "satisfiedGateway", "handlingCompleted", "complaintHandling", "preventRecurrence", "complaintClosed",
            ],
            sim.Path);
        Assert.DoesNotContain(sim.Commands, c => c is CreateExternalTask);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void A_dissatisfied_complainant_reopens_the_complaint_back_to_a_new_solution()
    {
        var sim = Recorded();
        VerifyAndAnalyse(sim);
        Propose(sim);
        CarryOutAndConfirm(sim, satisfied: false);

        sim.AssertOpenFor("proposeSolution", [], assignee: Owner);
        Assert.False(sim.HasTask("preventRecurrence"));
        Propose(sim);
        CarryOutAndConfirm(sim, satisfied: true);
        PreventRecurrence(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(2, sim.Path.Count(e => e == "proposeSolution"));
        Assert.Equal(["satisfiedGateway", "attitudeMerge", "proposeSolution"], sim.Path.SkipWhile(e => e != "satisfiedGateway").Take(3));
    }

    [Fact]
    public void A_complaint_about_a_staff_members_attitude_is_investigated_by_the_managers_and_the_penalty_recorded()
    {
        var sim = Recorded(category: "attitude");
        VerifyAndAnalyse(sim);

        sim.AssertOpenFor("investigateStaff", ["managers"]);
        Assert.False(sim.HasTask("proposeSolution"));
        sim.Submit("investigateStaff", new { staffMember = "agent07", findings = "Rude on the phone", penalty = true, penaltyAmount = 50 });
        Assert.Equal(50, sim.Variable("penaltyAmount").GetInt64());
        Assert.True(sim.Variable("penalty").GetBoolean());
        Propose(sim);
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
        Propose(sim, agreed: false);

        Assert.Equal($"客户 {Customer} 的投诉未能解决, 已上报主管领导 / Complaint from {Customer} could not be resolved: escalated to a manager",
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
        Assert.Equal("${owner}", ShippedProcesses.Complaint.Node("complaintEscalationTimer").Properties["responsible"]);
        Assert.Equal($"客户 {Customer} 的投诉未按时解决 / Complaint from {Customer} not resolved in time",
            sim.AssertEscalationEmail("complaintEscalationEmail", "complaint-escalation", cc: Owner));
        Assert.True(sim.HasTask("analyseCause"));
        sim.CompleteExternalTask("complaintEscalationEmail");

        sim.Submit("analyseCause", by: Owner);
        Propose(sim);
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
        Propose(sim);
        sim.AdvanceBy(TimeSpan.FromHours(23));
        CarryOutAndConfirm(sim);

        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "complaintEscalationTimer" });
        sim.AdvanceBy(TimeSpan.FromDays(10));
        PreventRecurrence(sim);
        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void A_complaint_not_recorded_within_24_hours_of_its_arrival_is_a_breach_escalated_while_it_stays_open()
    {
        var sim = Received(receivedHoursAgo: 22);

        sim.AdvanceBy(TimeSpan.FromHours(3));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(2));
        Assert.Equal($"客户 {Customer} 的投诉 24 小时内未受理 / Complaint from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("recordComplaint"));
    }

    [Fact]
    public void A_complaint_recorded_within_24_hours_of_its_arrival_records_no_acceptance_breach()
    {
        var sim = Received(receivedHoursAgo: 22);
        sim.AdvanceBy(TimeSpan.FromHours(1));
        sim.Submit("recordComplaint", new { category = "delay", description = "Late", owner = Owner });

        sim.AdvanceBy(TimeSpan.FromHours(3));

        Assert.Empty(sim.Breaches);
        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "acceptanceTimer" });
    }

    [Fact]
    public void The_forms_refuse_a_solution_without_the_agreement_answer_an_unknown_category_and_the_order_s_customer()
    {
        var noAnswer = TaskForms.Validate(ShippedProcesses.Complaint, "proposeSolution", new { solution = "Refund" });
        var badCategory = TaskForms.Validate(ShippedProcesses.Complaint, "recordComplaint",
            new { customer = Customer, category = "rudeness", description = "Rude", owner = Owner });
        var noSatisfaction = TaskForms.Validate(ShippedProcesses.Complaint, "confirmCustomerSatisfied", new { satisfaction = "3" });

        Assert.Equal(("resolved", "required"), Assert.Single(noAnswer.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal([("category", "enum"), ("customer", "unknown")], badCategory.Errors.Select(e => (e.FieldId, e.Code)).Order());
        Assert.Equal(("customerSatisfied", "required"), Assert.Single(noSatisfaction.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
