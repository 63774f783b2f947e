using System.Net;
using WorkflowService.Web.Tests.Records;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// With PostgreSQL a slip's bytes are kept in the database: attached on one node, read back whole on another whose
/// data folder never saw them, and no file is written beside either node.
/// </summary>
public sealed class SlipsOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_slip_attached_on_one_node_is_read_back_on_the_other_from_the_database()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var agent = await a.LoginAsync("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "双节点签字测试", "regular", ("郑工", null, "13800000010"));
        var number = (await RecordsApiTests.OpenAsync(agent, "repair", customer, [])).GetProperty("number").GetString()!;

        var attached = await RepairSlipApiTests.AttachAsync(await a.LoginAsync("engineer"), number, RepairSlipApiTests.Pdf, "application/pdf", "slip.pdf");

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var read = await (await b.LoginAsync("agent")).GetAsync($"/api/orders/{number}/slip");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(RepairSlipApiTests.Pdf, await read.Content.ReadAsByteArrayAsync());
        Assert.True((await (await b.LoginAsync("agent")).GetJsonAsync($"/api/orders/{number}")).GetProperty("isSigned").GetBoolean());
        Assert.False(Directory.Exists(Path.Combine(a.Settings.DataDirectory, "slips")));
        Assert.False(Directory.Exists(Path.Combine(b.Settings.DataDirectory, "slips")));
    }
}
