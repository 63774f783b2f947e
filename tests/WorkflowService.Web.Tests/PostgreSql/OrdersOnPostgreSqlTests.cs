using WorkflowService.Web.Tests.Records;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Work orders opened at once on two nodes of one PostgreSQL database: the counter row orders them, so the day's
/// numbers have neither gaps nor repeats, and each number is its instance's business key.
/// </summary>
public sealed class OrdersOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task Eight_orders_opened_at_once_on_two_nodes_get_eight_consecutive_numbers()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var agentA = await a.LoginAsync("agent");
        var agentB = await b.LoginAsync("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agentA, "双节点编号测试", "regular", ("郑工", null, "13800000009"));

        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            RecordsApiTests.OpenAsync(i % 2 == 0 ? agentA : agentB, "complaint", customer, [])));

        var numbers = opened.Select(o => o.GetProperty("number").GetString()!).ToList();
        var sequence = numbers.Select(n => int.Parse(n[^3..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 8), sequence);
        Assert.All(numbers, n => Assert.StartsWith("TS-", n, StringComparison.Ordinal));
        foreach (var o in opened)
        {
            var instance = await (await b.LoginAsync("admin")).InstanceAsync(o.GetProperty("instanceId").GetGuid());
            Assert.Equal(o.GetProperty("number").GetString(), instance.GetProperty("businessKey").GetString());
        }
    }
}
