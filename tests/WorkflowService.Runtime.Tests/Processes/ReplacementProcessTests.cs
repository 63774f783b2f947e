using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped replacement process (更换 / 退换货) through the runtime's services, and its rules on a fake clock: started
/// as a work order starts it, with the order's facts (receivedAt among them) beside the start form's answer.
/// </summary>
public sealed class ReplacementProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>A clock reading as the processes' date expressions see it: JavaScript dates hold whole milliseconds.</summary>
    private DateTimeOffset NowMs => Milliseconds(service.Clock.GetUtcNow());

    private static DateTimeOffset Milliseconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));

    private async Task<Guid> RequestedAsync(string customer, TimeSpan? receivedAgo = null)
    {
        var now = service.Clock.GetUtcNow();
        var facts = RuntimeUser.Variables(new
        {
            orderNumber = $"TH-{customer}", customer, contactPhone = "+86 20 5555 0123", model = "X1-Pro", serial = "SN-99812", units = 1,
            inWarranty = true, receivedAt = (now - (receivedAgo ?? TimeSpan.Zero)).ToString("O"),
        });
        var started = await service.Host.Get<InstanceService>().StartWithAsync("replacement", service.As("desk").Caller,
            (_, _) => Task.FromResult(new StartInputs($"TH-{customer}", facts, RuntimeUser.Variables(new { reason = "Dead on arrival" }))),
            (_, _) => Task.CompletedTask);
        return started.Instance.Id;
    }

    private async Task<Guid> ExchangeDispatchedAsync(string customer)
    {
        var id = await RequestedAsync(customer);
        var desk = service.As("desk");
        await desk.CompleteAsync(id, "acceptRequest", new { replacementKind = "exchange", acceptanceNote = "Engineer comes on Thursday" });
        await desk.CompleteAsync(id, "confirmReplacement", new { items = "1 x X1-Pro", scheduledDate = "2026-12-03" });
        await desk.CompleteAsync(id, "assignEngineer", new { engineer = "engineer" });
        return id;
    }

    private async Task<Guid> ReturnCheckedAsync(string customer, bool policyMet, long refundAmount)
    {
        var id = await RequestedAsync(customer);
        var desk = service.As("desk");
        await desk.CompleteAsync(id, "acceptRequest", new { replacementKind = "return", acceptanceNote = "Checking the return policy" });
        await desk.CompleteAsync(id, "checkReturnPolicy", new { policyMet, refundAmount, policyNote = "Bought 3 days ago" });
        return id;
    }

    [Fact]
    public async Task An_exchange_runs_from_acceptance_to_the_satisfaction_survey_with_the_dispatched_engineer_and_completes()
    {
        var id = await ExchangeDispatchedAsync("Replacement Happy Path Ltd");
        var engineer = service.As("engineer");
        Assert.Equal("engineer", Assert.Single(await engineer.TasksAsync(id)).Assignee);
        await engineer.CompleteAsync(id, "replaceOnSite", new { deviceRuns = true, replacementNote = "Swapped, runs" });
        await engineer.CompleteAsync(id, "customerAcceptanceSigned", new { acceptanceSigned = true });

        var agent = service.As("agent");
        AssertShape(await agent.InstanceAsync(id), "Running", ["satisfactionSurvey"],
            ("followUpTimer", NowMs + 3 * Day));
        await agent.FinishAsync(id, "satisfactionSurvey", new { satisfaction = "5", comments = "Quick" });

        Assert.Empty(await service.As("manager").BreachesAsync(id));
    }

    [Fact]
    public async Task The_engineer_s_steps_are_offered_to_the_dispatched_engineer_only()
    {
        var id = await ExchangeDispatchedAsync("Replacement Named Engineer Co");

        Assert.Empty(await service.As("agent").TasksAsync(id));
        var task = Assert.Single(await service.As("engineer").TasksAsync(id));
        Assert.Equal(("replaceOnSite", "engineer"), (task.ElementId, task.Assignee));
    }

    [Fact]
    public async Task A_refused_acceptance_sends_the_replacement_back_to_the_engineer()
    {
        var id = await ExchangeDispatchedAsync("Replacement Refused Acceptance Co");
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "replaceOnSite", new { deviceRuns = true });

        await engineer.CompleteAsync(id, "customerAcceptanceSigned", new { acceptanceSigned = false, acceptanceRemarks = "Wrong colour" });

        AssertShape(await engineer.InstanceAsync(id), "Running", ["replaceOnSite"]);
    }

    [Fact]
    public async Task A_replacement_request_not_accepted_within_24_hours_of_its_arrival_is_escalated_by_email()
    {
        var id = await RequestedAsync("Replacement Late Acceptance Co", receivedAgo: TimeSpan.FromHours(23));
        AssertShape(await service.As("desk").InstanceAsync(id), "Running", ["acceptRequest"],
            ("acceptanceTimer", service.Clock.GetUtcNow() + TimeSpan.FromHours(1)));

        await service.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Replacement Late Acceptance Co");
        Assert.Contains("Service request from Replacement Late Acceptance Co not accepted within 24 h", mail.Subject);
        // Nobody had claimed the request: charged to the desk group, no person.
        var breach = await service.ExpectBreachAsync(id, "acceptance-24h");
        Assert.Equal((null, "service-desk"), (breach.Responsible, breach.ResponsibleGroup));
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { replacementKind = "replacement", acceptanceNote = "Late, sorry" });
    }

    [Fact]
    public async Task A_satisfaction_survey_not_done_within_three_days_of_the_hand_over_is_escalated_and_can_still_be_done()
    {
        var id = await ExchangeDispatchedAsync("Replacement Forgotten Survey SA");
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "replaceOnSite", new { deviceRuns = true });
        var handedOver = NowMs;
        await service.AdvanceAsync(Day);
        await engineer.CompleteAsync(id, "customerAcceptanceSigned", new { acceptanceSigned = true });

        await service.AdvanceAsync(2 * Day + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "follow-up-3d", "Replacement Forgotten Survey SA");
        Assert.Contains("Satisfaction survey for Replacement Forgotten Survey SA not done within 3 days", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "follow-up-3d");
        Assert.Equal((handedOver + 3 * Day, null, "agents"), (breach.DueAt, breach.Responsible, breach.ResponsibleGroup));
        await service.As("agent").FinishAsync(id, "satisfactionSurvey", new { satisfaction = "2" });
    }

    [Fact]
    public async Task A_return_above_the_approval_limit_goes_to_the_general_manager_and_then_to_finance()
    {
        var id = await ReturnCheckedAsync("Return Big Refund Ltd", policyMet: true, refundAmount: 12_000);
        Assert.Empty(await service.As("finance").TasksAsync(id));
        var gm = service.As("gm");
        await gm.CompleteAsync(id, "approveReturn", new { returnApproved = true, approvalNote = "Approved" });

        await service.As("finance").FinishAsync(id, "refund", new { refundReference = "RF-12000" });
    }

    [Fact]
    public async Task A_return_within_the_desk_s_authority_is_refunded_without_the_general_manager()
    {
        var id = await ReturnCheckedAsync("Return Small Refund Ltd", policyMet: true, refundAmount: 800);

        Assert.Empty(await service.As("gm").TasksAsync(id));
        await service.As("finance").FinishAsync(id, "refund", new { refundReference = "RF-800" });
    }

    [Fact]
    public async Task A_return_refused_by_the_general_manager_or_outside_the_policy_is_told_to_the_customer()
    {
        var refused = await ReturnCheckedAsync("Return Refused By GM Ltd", policyMet: true, refundAmount: 9_000);
        await service.As("gm").CompleteAsync(refused, "approveReturn", new { returnApproved = false });
        var outside = await ReturnCheckedAsync("Return Outside Policy Ltd", policyMet: false, refundAmount: 0);

        var desk = service.As("desk");
        foreach (var id in new[] { refused, outside })
        {
            await desk.FinishAsync(id, "informReturnRefused", new { refusalReason = "Past the return period" });
            Assert.Contains(await desk.HistoryAsync(id), h => h.ElementId == "returnRefused");
            Assert.DoesNotContain(await desk.HistoryAsync(id), h => h.ElementId == "refund");
        }
    }

    [Fact]
    public async Task A_person_starting_a_return_cannot_choose_their_own_approval_limit()
    {
        var started = service.Host.Get<InstanceService>().StartWithAsync("replacement", service.As("desk").Caller,
            (_, _) => Task.FromResult(new StartInputs("TH-own-limit", RuntimeUser.Variables(new { customer = "Own Limit Ltd" }),
                RuntimeUser.Variables(new { reason = "Return", approvalLimit = 1_000_000 }))),
            (_, _) => Task.CompletedTask);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => started);
        Assert.Contains(refused.Errors, e => e.Field == "approvalLimit");
    }
}
