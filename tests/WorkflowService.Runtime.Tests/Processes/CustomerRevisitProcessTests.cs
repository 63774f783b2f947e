using System.Globalization;
using System.Text.Json;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped customer-revisit process (重要客户 / 长期客户回访) through the runtime's services on a fake clock: one
/// revisit, started by the service ahead of its due date (AfterSales keeps the rhythm), offered to the agents due on
/// that date; not done by then, a breach of revisit-due, and the task stays open until it is done.
/// </summary>
public sealed class CustomerRevisitProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<(Guid Id, DateTimeOffset Due)> ScheduledAsync(string customer)
    {
        var due = service.Clock.GetUtcNow().AddDays(14);
        var (instance, started) = await service.Host.Get<InstanceService>().StartOnceAsync("customer-revisit", $"RV-{Guid.NewGuid():N}",
            new Dictionary<string, JsonElement>
            {
                ["customerId"] = JsonSerializer.SerializeToElement(Guid.NewGuid().ToString()),
                ["customer"] = JsonSerializer.SerializeToElement(customer),
                ["category"] = JsonSerializer.SerializeToElement("key"),
                ["revisitDue"] = JsonSerializer.SerializeToElement(due.ToString("O", CultureInfo.InvariantCulture)),
            }, SystemActors.System);
        Assert.True(started);
        return (instance.Id, due);
    }

    [Fact]
    public async Task A_revisit_done_before_its_date_completes_without_a_breach()
    {
        var agent = service.As("agent");
        var (id, due) = await ScheduledAsync("Revisit On Time Ltd");
        var task = Assert.Single(await agent.TasksAsync(id));
        Assert.Equal(due, task.DueAt);

        await agent.FinishAsync(id, "revisitCustomer", new { notes = "All fine", satisfaction = "5", stillCustomer = true });

        Assert.Empty(await agent.BreachesAsync(id));
    }

    [Fact]
    public async Task A_revisit_not_done_by_its_date_is_a_breach_of_revisit_due_and_stays_open()
    {
        var agent = service.As("agent");
        var (id, due) = await ScheduledAsync("Revisit Late Co");

        await service.AdvanceAsync(due - service.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var breach = await WorkflowService.Testing.Poll.ForAsync(() => agent.BreachesAsync(id, "revisit-due"), b => b.Count == 1,
            "the late revisit's breach is recorded");

        Assert.Equal((due, null, "agents"), (breach[0].DueAt, breach[0].Responsible, breach[0].ResponsibleGroup));
        Assert.Single(await agent.TasksAsync(id));
        await agent.FinishAsync(id, "revisitCustomer", new { notes = "Reached at last", stillCustomer = true });
    }

    [Fact]
    public async Task A_person_cannot_start_a_revisit_by_hand()
    {
        var agent = service.As("agent");

        await Assert.ThrowsAsync<ForbiddenException>(() => agent.StartAsync("customer-revisit", new { customer = "By Hand Ltd" }));
    }
}
