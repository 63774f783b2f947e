using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/replacement.bpmn: 更换 / 退换货, from the request to the satisfaction survey.</summary>
public sealed class ReplacementScenarioTests
{
    private const string Customer = "Donghai Logistics";
    private const string Engineer = "liu.yang";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Registered()
    {
        var sim = Simulation.Start(ShippedProcesses.Replacement);
        sim.Submit("registerRequest", new
        {
            customer = Customer, contactPerson = "Ms. Qian", contactPhone = "021-5555-0101", model = "Scanner S7",
            serial = "S7-000913", reason = "Dead on arrival",
        });
        return sim;
    }

    private static void AcceptConfirmAssign(Simulation sim)
    {
        sim.Submit("acceptRequest", new { customerInformed = true });
        sim.Submit("confirmReplacement", new { replacementKind = "exchange", items = "Scanner S7 x1", scheduledDate = "2026-03-05" });
        sim.Submit("assignEngineer", new { engineer = Engineer });
    }

    private static void ReplaceAndSign(Simulation sim)
    {
        sim.Submit("replaceOnSite", new { deviceRuns = true, replacementNote = "Swapped unit, test scan OK" }, by: Engineer);
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = true }, by: Engineer);
    }

    private static void Survey(Simulation sim) => sim.Submit("satisfactionSurvey", new { satisfaction = "5" });

    [Fact]
    public void A_replacement_goes_from_the_request_to_the_survey_with_the_assigned_engineer_on_site()
    {
        var sim = Simulation.Start(ShippedProcesses.Replacement);
        sim.AssertOpenFor("registerRequest", ["service-desk"]);
        sim.Submit("registerRequest", new { customer = Customer, contactPhone = "021-5555-0101", model = "Scanner S7" });
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        sim.Submit("acceptRequest");
        sim.AssertOpenFor("confirmReplacement", ["service-desk"]);
        sim.Submit("confirmReplacement", new { replacementKind = "replacement", items = "Feeder module", scheduledDate = "2026-03-05" });
        sim.AssertOpenFor("assignEngineer", ["service-desk"]);
        sim.Submit("assignEngineer", new { engineer = Engineer });
        sim.AssertOpenFor("replaceOnSite", ["engineers"], assignee: Engineer);
        sim.Submit("replaceOnSite", new { deviceRuns = true }, by: Engineer);
        sim.AssertOpenFor("customerAcceptanceSigned", ["engineers"], assignee: Engineer);
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = true }, by: Engineer);
        Assert.Equal(Epoch.AddDays(3), sim.AssertOpenFor("satisfactionSurvey", ["agents"]).DueAt);
        Survey(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "replacementRequested", "registerRequest", "acceptRequest", "confirmReplacement", "assignEngineer",
                "replaceOnSite", "customerAcceptanceSigned", "satisfactionSurvey", "replacementCompleted",
            ],
            sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void Acceptance_later_than_24_hours_is_a_breach_escalated_to_the_managers_and_the_replacement_goes_on()
    {
        var sim = Registered();

        sim.AdvanceBy(TimeSpan.FromDays(2));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(24));
        Assert.Equal($"Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
        sim.CompleteExternalTask("acceptanceEscalationEmail");

        AcceptConfirmAssign(sim);
        ReplaceAndSign(sim);
        Survey(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("acceptanceEscalated", sim.Path);
    }

    [Fact]
    public void A_survey_later_than_three_days_is_a_breach_escalated_while_the_survey_stays_open()
    {
        var sim = Registered();
        AcceptConfirmAssign(sim);
        sim.AdvanceBy(TimeSpan.FromHours(4));
        ReplaceAndSign(sim);

        sim.AdvanceBy(TimeSpan.FromDays(5));

        sim.AssertSingleBreach("follow-up-3d", "followUpTimer", Epoch.AddHours(4).AddDays(3));
        Assert.Equal($"Satisfaction survey for {Customer} not done within 3 days",
            sim.AssertEscalationEmail("followUpEscalationEmail", "follow-up-3d"));
        Assert.True(sim.HasTask("satisfactionSurvey"));
        sim.CompleteExternalTask("followUpEscalationEmail");
        Survey(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("followUpEscalated", sim.Path);
    }

    [Fact]
    public void A_replacement_done_within_its_deadlines_records_no_breach()
    {
        var sim = Registered();
        sim.AdvanceBy(TimeSpan.FromHours(20));
        AcceptConfirmAssign(sim);
        sim.AdvanceBy(TimeSpan.FromDays(3));
        ReplaceAndSign(sim);
        sim.AdvanceBy(TimeSpan.FromDays(2));
        Survey(sim);

        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
        Assert.Equal(["acceptanceTimer", "followUpTimer"], sim.Commands.OfType<CancelTimer>().Select(t => t.ElementId));
    }

    [Fact]
    public void The_confirmation_form_refuses_an_unknown_kind_and_a_missing_date()
    {
        var submission = TaskForms.Validate(ShippedProcesses.Replacement, "confirmReplacement",
            new { replacementKind = "refund", items = "Scanner S7 x1" });

        Assert.Equal([("replacementKind", "enum"), ("scheduledDate", "required")],
            submission.Errors.Select(e => (e.FieldId, e.Code)));
    }
}
