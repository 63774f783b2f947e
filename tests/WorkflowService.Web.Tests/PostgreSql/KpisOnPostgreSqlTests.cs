using WorkflowService.Web.Tests.Reports;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The KPIs on PostgreSQL: the counts with a breach subquery, the history joined to the instances, the lists of
/// instances and the breaches grouped by rule are translated differently than on SQLite; the figures are the same.
/// </summary>
public sealed class KpisOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task Every_figure_of_a_known_month_is_counted_in_the_database_as_on_sqlite()
    {
        var node = await nodes.StartNodeAsync();
        var rows = new KpiRows(node);
        var missed = await rows.InstanceAsync("hotline-call", KpiRows.At(2020, 8, 3));
        await rows.BreachAsync(missed, "three-rings", KpiRows.At(2020, 8, 3).AddSeconds(15));
        await rows.InstanceAsync("hotline-call", KpiRows.At(2020, 8, 4));
        var late = await rows.OrderAsync("complaint", KpiRows.At(2020, 8, 5));
        await rows.BreachAsync(late, "acceptance-24h", KpiRows.At(2020, 8, 6, 11));
        var repair = await rows.OrderAsync("repair", KpiRows.At(2020, 8, 5));
        await rows.LeftAsync(repair, "repairWork", KpiRows.At(2020, 8, 20));
        var followedUp = await rows.InstanceAsync("repair", KpiRows.At(2020, 8, 1), ("satisfaction", "3"));
        await rows.LeftAsync(followedUp, "followUpCall", KpiRows.At(2020, 8, 21));

        var kpis = await (await node.LoginAsync("manager")).GetJsonAsync("/api/reports/kpis?from=2020-08-01&to=2020-08-31");

        Assert.Equal((2, 1, 0.5), (kpis.GetProperty("calls").GetInt32(), kpis.GetProperty("callsAnsweredInTime").GetInt32(),
            kpis.GetProperty("threeRingRate").GetDouble()));
        Assert.Equal((2, 1, 1), (kpis.GetProperty("requests").GetInt32(), kpis.GetProperty("acceptedOnTime").GetInt32(),
            kpis.GetProperty("complaints").GetInt32()));
        Assert.Equal((1, 1, 1.0), (kpis.GetProperty("repairs").GetInt32(), kpis.GetProperty("repairsOnTime").GetInt32(),
            kpis.GetProperty("repairOnTimeRate").GetDouble()));
        Assert.Equal((1, 3.0), (kpis.GetProperty("followUps").GetInt32(), kpis.GetProperty("satisfactionAverage").GetDouble()));
        Assert.Equal(1, kpis.GetProperty("breachesByRule").GetProperty("acceptance-24h").GetInt32());
    }
}
