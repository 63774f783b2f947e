using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/replacement.bpmn: 更换 / 退换货, a replacement on site or a return against the policy.</summary>
public sealed class ReplacementScenarioTests
{
    private const string Customer = "Donghai Logistics";
    private const string Engineer = "liu.yang";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    /// <summary>The order's facts: the request reached the centre <paramref name="receivedHoursAgo"/> hours before the start.</summary>
    private static Simulation Requested(int receivedHoursAgo = 0, object? extra = null)
    {
        var facts = new Dictionary<string, object?>
        {
            ["orderNumber"] = "TH-20260302-001", ["customer"] = Customer, ["contactPhone"] = "021-5555-0101", ["model"] = "Scanner S7",
            ["serial"] = "S7-000913", ["units"] = 1, ["inWarranty"] = true, ["receivedAt"] = Epoch.AddHours(-receivedHoursAgo).ToString("O"),
            ["reason"] = "Dead on arrival",
        };
        foreach (var p in extra?.GetType().GetProperties() ?? []) facts[p.Name] = p.GetValue(extra);
        return Simulation.Start(ShippedProcesses.Replacement, facts);
    }

    private static void ExchangeDispatched(Simulation sim)
    {
        sim.Submit("acceptRequest", new { replacementKind = "exchange", acceptanceNote = "Exchange on Thursday" });
        sim.Submit("confirmReplacement", new { items = "Scanner S7 x1", scheduledDate = "2026-03-05" });
        sim.Submit("assignEngineer", new { engineer = Engineer });
    }

    private static void ReplacedAndSigned(Simulation sim)
    {
        sim.Submit("replaceOnSite", new { deviceRuns = true, replacementNote = "Swapped unit, test scan OK" }, by: Engineer);
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = true }, by: Engineer);
    }

    private static void Return(Simulation sim, bool policyMet, long refundAmount)
    {
        sim.Submit("acceptRequest", new { replacementKind = "return", acceptanceNote = "Return under review" });
        sim.Submit("checkReturnPolicy", new { policyMet, refundAmount });
    }

    [Fact]
    public void An_exchange_goes_from_acceptance_to_the_survey_with_the_dispatched_engineer_alone_on_site()
    {
        var sim = Requested();
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        ExchangeDispatched(sim);
        sim.AdvanceBy(TimeSpan.FromHours(5));
        sim.AssertOpenFor("replaceOnSite", [], assignee: Engineer);
        sim.Submit("replaceOnSite", new { deviceRuns = true }, by: Engineer);
        sim.AssertOpenFor("customerAcceptanceSigned", [], assignee: Engineer);
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = true }, by: Engineer);
        Assert.Equal(Epoch.AddHours(5).AddDays(3), sim.AssertOpenFor("satisfactionSurvey", ["agents"]).DueAt);
        sim.Submit("satisfactionSurvey", new { satisfaction = "5" });

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "replacementRequested", "acceptRequest", "kindGateway", "confirmReplacement", "assignEngineer", "replaceMerge",
                "replaceOnSite", "deviceRunsGateway", "recordHandover", "customerAcceptanceSigned", "acceptanceGateway",
                "satisfactionSurvey", "replacementCompleted",
            ],
            sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void The_acceptance_clock_starts_when_the_request_reached_the_centre_not_when_the_process_started()
    {
        var sim = Requested(receivedHoursAgo: 20);
        Assert.Equal(Epoch.AddHours(4), sim.Task("acceptRequest").DueAt);

        sim.AdvanceBy(TimeSpan.FromHours(5));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(4));
        Assert.Equal($"客户 {Customer} 的服务请求 24 小时内未受理 / Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
    }

    [Fact]
    public void A_request_accepted_within_24_hours_of_its_arrival_records_no_breach()
    {
        var sim = Requested(receivedHoursAgo: 20);
        sim.AdvanceBy(TimeSpan.FromHours(3));
        ExchangeDispatched(sim);
        sim.AdvanceBy(TimeSpan.FromDays(5));

        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void A_device_that_does_not_run_and_a_refused_acceptance_both_send_the_work_back_to_the_engineer()
    {
        var sim = Requested();
        ExchangeDispatched(sim);
        sim.Submit("replaceOnSite", new { deviceRuns = false, replacementNote = "No power" }, by: Engineer);
        sim.AssertOpenFor("replaceOnSite", [], assignee: Engineer);
        Assert.False(sim.HasTask("customerAcceptanceSigned"));

        sim.Submit("replaceOnSite", new { deviceRuns = true }, by: Engineer);
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = false, acceptanceRemarks = "Scratched casing" }, by: Engineer);

        sim.AssertOpenFor("replaceOnSite", [], assignee: Engineer);
        Assert.False(sim.HasTask("satisfactionSurvey"));
        ReplacedAndSigned(sim);
        sim.Submit("satisfactionSurvey", new { satisfaction = "4" });
        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void The_follow_up_clock_starts_at_the_hand_over_and_a_late_survey_is_escalated_while_it_stays_open()
    {
        var sim = Requested();
        ExchangeDispatched(sim);
        sim.AdvanceBy(TimeSpan.FromHours(4));
        sim.Submit("replaceOnSite", new { deviceRuns = true }, by: Engineer);
        sim.AdvanceBy(TimeSpan.FromDays(1));
        sim.Submit("customerAcceptanceSigned", new { acceptanceSigned = true }, by: Engineer);

        sim.AdvanceBy(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        sim.AssertSingleBreach("follow-up-3d", "followUpTimer", Epoch.AddHours(4).AddDays(3));
        Assert.Equal($"客户 {Customer} 的满意度调查未在 3 天内完成 / Satisfaction survey for {Customer} not done within 3 days",
            sim.AssertEscalationEmail("followUpEscalationEmail", "follow-up-3d"));
        sim.CompleteExternalTask("followUpEscalationEmail");
        sim.Submit("satisfactionSurvey", new { satisfaction = "2" });
        Assert.True(sim.IsCompleted);
        Assert.Contains("followUpEscalated", sim.Path);
    }

    [Fact]
    public void A_return_within_the_desk_s_authority_is_refunded_without_the_general_manager_or_an_engineer()
    {
        var sim = Requested();
        Return(sim, policyMet: true, refundAmount: 5000);

        sim.AssertOpenFor("refund", ["finance"]);
        sim.Submit("refund", new { refundReference = "RF-0001" });

        Assert.True(sim.IsCompleted);
        Assert.Equal(["replacementRequested", "acceptRequest", "kindGateway", "checkReturnPolicy", "policyGateway", "approvalGateway",
            "refundMerge", "refund", "returnCompleted"], sim.Path);
    }

    [Fact]
    public void A_return_above_the_approval_limit_waits_for_the_general_manager_who_may_approve_it()
    {
        var sim = Requested();
        Return(sim, policyMet: true, refundAmount: 5001);

        sim.AssertOpenFor("approveReturn", ["general-managers"]);
        Assert.False(sim.HasTask("refund"));
        sim.Submit("approveReturn", new { returnApproved = true });
        sim.Submit("refund", new { refundReference = "RF-0002" });

        Assert.True(sim.IsCompleted);
        Assert.Contains("returnCompleted", sim.Path);
    }

    [Fact]
    public void A_return_the_general_manager_refuses_is_told_to_the_customer_and_nothing_is_refunded()
    {
        var sim = Requested();
        Return(sim, policyMet: true, refundAmount: 80_000);
        sim.Submit("approveReturn", new { returnApproved = false, approvalNote = "Offer an exchange instead" });

        sim.AssertOpenFor("informReturnRefused", ["service-desk"]);
        sim.Submit("informReturnRefused", new { refusalReason = "Offered an exchange" });

        Assert.True(sim.IsCompleted);
        Assert.Contains("returnRefused", sim.Path);
        Assert.DoesNotContain("refund", sim.Path);
    }

    [Fact]
    public void A_return_outside_the_policy_is_refused_without_asking_anyone_to_approve_it()
    {
        var sim = Requested();
        Return(sim, policyMet: false, refundAmount: 0);

        sim.Submit("informReturnRefused", new { refusalReason = "Past the 7-day return period" });

        Assert.True(sim.IsCompleted);
        Assert.DoesNotContain("approveReturn", sim.Path);
        Assert.DoesNotContain("approvalGateway", sim.Path);
        Assert.Contains("returnRefused", sim.Path);
    }

    [Fact]
    public void The_approval_limit_is_a_start_variable_with_5000_as_its_default()
    {
        var sim = Requested(extra: new { approvalLimit = 20_000 });
        Return(sim, policyMet: true, refundAmount: 8000);

        Assert.True(sim.HasTask("refund"));
        Assert.False(sim.HasTask("approveReturn"));
    }

    [Fact]
    public void The_forms_refuse_an_unknown_kind_and_a_return_check_without_its_decision()
    {
        var accept = TaskForms.Validate(ShippedProcesses.Replacement, "acceptRequest", new { replacementKind = "refund" });
        var check = TaskForms.Validate(ShippedProcesses.Replacement, "checkReturnPolicy", new { refundAmount = -1 });

        Assert.Equal([("replacementKind", "enum"), ("acceptanceNote", "required")], accept.Errors.Select(e => (e.FieldId, e.Code)));
        Assert.Equal([("policyMet", "required"), ("refundAmount", "min")], check.Errors.Select(e => (e.FieldId, e.Code)));
    }
}
