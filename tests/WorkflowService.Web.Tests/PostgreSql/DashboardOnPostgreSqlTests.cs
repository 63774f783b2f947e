using WorkflowService.Web.Tests.Reports;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The dashboard's further figures and the lists behind its numbers on PostgreSQL: the history grouped per instance,
/// the orders joined to their devices, the running instances and the breaches by person are translated differently
/// than on SQLite; the known month (<see cref="DashboardScenario"/>) gives the same numbers.
/// </summary>
public sealed class DashboardOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task The_known_months_figures_and_every_numbers_list_are_as_on_sqlite()
    {
        var node = await nodes.StartNodeAsync();
        await new DashboardScenario(node).WriteAsync();
        var manager = await node.LoginAsync("manager");
        const string period = $"from={DashboardScenario.From}&to={DashboardScenario.To}";

        var d = await manager.GetJsonAsync($"/api/reports/dashboard?{period}");

        Assert.Equal((3, 1), (d.GetProperty("repairs").GetInt32(), d.GetProperty("firstTimeFixes").GetInt32()));
        Assert.Equal("""{"under-1d":1,"1-3d":1,"3-7d":1,"7d-plus":5}""", d.GetProperty("openOrdersByAge").GetRawText());
        Assert.Equal("""{"agent":2,"engineer":1,"—":1}""", d.GetProperty("breachesByPerson").GetRawText());
        foreach (var (number, expected) in DashboardScenario.Expected)
        {
            var list = await manager.GetJsonAsync($"/api/reports/cases?number={Uri.EscapeDataString(number)}&{period}");
            Assert.True(expected == list.GetProperty("count").GetInt32(), $"{number}: {list.GetProperty("count").GetInt32()} cases, expected {expected}");
        }
    }
}
