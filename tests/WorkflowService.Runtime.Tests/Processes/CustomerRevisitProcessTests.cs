using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped customer-revisit process (重要客户 / 长期客户回访) through the runtime's services on a fake
/// clock: important customers are revisited every six months, others every year, until the
/// customer is archived. The process has no service rule of its own (no breach, no email).
/// </summary>
public sealed class CustomerRevisitProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static async Task<DateTimeOffset> RevisitDueAsync(RuntimeUser client, Guid id)
    {
        var instance = await client.InstanceAsync(id);
        var timer = Assert.Single(instance.PendingTimers);
        Assert.Equal("revisitDueTimer", timer.ElementId);
        return timer.DueAt;
    }

    private async Task ReachAsync(DateTimeOffset due) => await service.AdvanceAsync(due - service.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task An_important_customer_is_revisited_every_six_months_until_archived()
    {
        var agent = service.As("agent");
        var startedAt = service.Clock.GetUtcNow();
        var id = await agent.StartAsync("customer-revisit", new { customer = "Revisit Important Ltd", importance = "important" });
        AssertShape(await agent.InstanceAsync(id), "Running", ["revisitDueTimer"],
            ("revisitDueTimer", startedAt.AddMonths(6)));
        Assert.Empty(await agent.TasksAsync(id));

        await ReachAsync(startedAt.AddMonths(6));
        await Poll(agent, id);
        await agent.CompleteAsync(id, "revisitCustomer", new { notes = "All fine", satisfaction = "5", stillCustomer = true });

        var next = await RevisitDueAsync(agent, id);
        Assert.Equal(service.Clock.GetUtcNow().AddMonths(6), next);
        await ReachAsync(next);
        await Poll(agent, id);
        await agent.CompleteAsync(id, "revisitCustomer", new { notes = "Moved to a competitor", stillCustomer = false });

        AssertShape(await agent.InstanceAsync(id), "Completed", []);
    }

    [Fact]
    public async Task A_regular_customer_is_revisited_after_a_year_not_after_six_months()
    {
        var agent = service.As("agent");
        var startedAt = service.Clock.GetUtcNow();
        var id = await agent.StartAsync("customer-revisit", new { customer = "Revisit Regular Co", importance = "long-term" });
        Assert.Equal(startedAt.AddYears(1), await RevisitDueAsync(agent, id));

        await ReachAsync(startedAt.AddMonths(6));
        await service.Host.WaitForIdleJobsAsync();
        Assert.Empty(await agent.TasksAsync(id));

        await ReachAsync(startedAt.AddYears(1));
        await Poll(agent, id);
        var task = Assert.Single(await agent.TasksAsync(id));
        Assert.Equal(service.Clock.GetUtcNow().AddDays(7), task.DueAt!.Value, TimeSpan.FromSeconds(2));
        await agent.FinishAsync(id, "revisitCustomer", new { stillCustomer = false });
    }

    private static Task Poll(RuntimeUser agent, Guid id) =>
        WorkflowService.Testing.Poll.UntilAsync(async () => (await agent.TasksAsync(id)).Count == 1, "the revisit task is created");
}
