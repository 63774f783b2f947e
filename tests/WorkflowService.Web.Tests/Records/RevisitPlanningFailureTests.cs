using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The nightly revisit run passes over a customer whose revisit cannot be started (a date no rhythm can be counted from,
/// as rows written before the rules bounded it may hold) and still starts everyone else's; then it fails, naming how many,
/// so the job shows as failed. Its own fixture: the customer it writes would fail every other test's run.
/// </summary>
public sealed class RevisitPlanningFailureTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task One_customer_that_cannot_be_planned_does_not_keep_the_others_revisits_from_starting()
    {
        var today = DateOnly.FromDateTime(service.Clock.GetUtcNow().UtcDateTime);
        var good = Customer("按时回访客户", today.AddDays(5).AddMonths(-6));
        var bad = Customer("旧数据客户", new DateOnly(9999, 12, 1));
        await using (var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None))
        {
            // Written as old rows are, past today's rules: the bad one first, so the run meets it before the good one.
            a.Customers.AddRange(bad, good);
            await a.SaveChangesAsync();
        }

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            service.Host.Services.GetRequiredService<RevisitPlanner>().PlanAsync());

        Assert.StartsWith("The revisits of 1 customer(s) could not be planned", failed.Message);
        var key = RevisitPlanner.Key(good.Id, good.AnchorDate!.Value.AddMonths(6));
        var revisits = await (await service.As("admin")).GetJsonAsync($"/api/instances?definitionKey={RevisitPlanner.ProcessKey}&take=500");
        Assert.Contains(revisits.EnumerateArray(), i => i.GetProperty("businessKey").GetString() == key);
    }

    private CustomerRecord Customer(string name, DateOnly anchor) => new()
    {
        Id = Guid.CreateVersion7(service.Clock.GetUtcNow()), Name = name + Guid.NewGuid().ToString("N")[..4], Category = "key",
        AnchorDate = anchor, CreatedAt = service.Clock.GetUtcNow(),
    };
}
