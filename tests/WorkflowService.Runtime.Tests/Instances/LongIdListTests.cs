using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// A report's month asks about more instances in one query than SQLite takes parameters in one command (32,766):
/// the list goes to the database as one parameter, so the query answers instead of failing.
/// </summary>
public sealed class LongIdListTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Asking_which_of_forty_thousand_instances_broke_a_rule_finds_the_one_that_did()
    {
        var late = Guid.NewGuid();
        await service.Host.ReadAsync(async db =>
        {
            db.Breaches.Add(new BreachRecord
            {
                Rule = "long-list", InstanceId = late, DefinitionKey = "p", ElementId = "t",
                DueAt = DateTimeOffset.UnixEpoch, DetectedAt = DateTimeOffset.UnixEpoch,
            });
            return await db.SaveChangesAsync();
        });
        var asked = Enumerable.Range(0, 40_000).Select(_ => Guid.NewGuid()).Append(late).ToList();

        var breached = await service.Host.Get<InstanceCatalog>().BreachedAsync(asked, "long-list");

        Assert.Equal([late], breached);
    }
}
