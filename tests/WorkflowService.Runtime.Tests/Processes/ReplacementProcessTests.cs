using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>The shipped replacement process (更换 / 退换货) through the runtime's services, and its rules on a fake clock.</summary>
public sealed class ReplacementProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private async Task<Guid> RegisteredAsync(string customer)
    {
        var desk = service.As("desk");
        var id = await desk.StartAsync("replacement", businessKey: $"X-{customer}");
        await desk.CompleteAsync(id, "registerRequest", new
        {
            customer, contactPhone = "+86 20 5555 0123", model = "X1-Pro", serial = "SN-99812", reason = "Dead on arrival",
        });
        return id;
    }

    private async Task<Guid> ReplacedAsync(string customer)
    {
        var id = await RegisteredAsync(customer);
        var desk = service.As("desk");
        await desk.CompleteAsync(id, "acceptRequest", new { customerInformed = true });
        await desk.CompleteAsync(id, "confirmReplacement", new { replacementKind = "exchange", items = "1 x X1-Pro", scheduledDate = "2026-12-03" });
        await desk.CompleteAsync(id, "assignEngineer", new { engineer = "engineer" });
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "replaceOnSite", new { deviceRuns = true, replacementNote = "Swapped, runs" });
        await engineer.CompleteAsync(id, "customerAcceptanceSigned", new { acceptanceSigned = true });
        return id;
    }

    [Fact]
    public async Task A_replacement_runs_from_registration_to_the_satisfaction_survey_and_completes()
    {
        var id = await ReplacedAsync("Replacement Happy Path Ltd");
        var agent = service.As("agent");
        AssertShape(await agent.InstanceAsync(id), "Running", ["satisfactionSurvey"],
            ("followUpTimer", service.Clock.GetUtcNow() + 3 * Day));

        await agent.CompleteAsync(id, "satisfactionSurvey", new { satisfaction = "5", comments = "Quick" });

        AssertShape(await agent.InstanceAsync(id), "Completed", []);
        Assert.Empty(await service.As("manager").BreachesAsync(id));
    }

    [Fact]
    public async Task A_replacement_request_not_accepted_within_24_hours_is_escalated_by_email()
    {
        var id = await RegisteredAsync("Replacement Late Acceptance Co");

        await service.AdvanceAsync(Day + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Replacement Late Acceptance Co");
        Assert.StartsWith("Service request from Replacement Late Acceptance Co not accepted within 24 h", mail.Subject);
    }

    [Fact]
    public async Task A_satisfaction_survey_not_done_within_three_days_is_escalated_and_can_still_be_done()
    {
        var id = await ReplacedAsync("Replacement Forgotten Survey SA");

        await service.AdvanceAsync(3 * Day + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "follow-up-3d", "Replacement Forgotten Survey SA");
        Assert.StartsWith("Satisfaction survey for Replacement Forgotten Survey SA not done within 3 days", mail.Subject);
        var agent = service.As("agent");
        await agent.FinishAsync(id, "satisfactionSurvey", new { satisfaction = "2" });
    }
}
