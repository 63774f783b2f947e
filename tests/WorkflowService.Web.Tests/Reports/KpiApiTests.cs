using System.Net;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// <c>GET /api/reports/kpis</c> on known scenarios with exact numbers: each test writes its cases into a past month of
/// its own (<see cref="KpiRows"/>) and reads that month, so the figures are the scenario's and nothing else's.
/// </summary>
public sealed class KpiApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private KpiRows Rows => new(service.Host);

    private async Task<JsonElement> KpisAsync(string from, string to, string user = "manager") =>
        await (await service.As(user)).GetJsonAsync($"/api/reports/kpis?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");

    [Fact]
    public async Task Three_calls_with_one_missed_give_a_three_ring_rate_of_two_thirds()
    {
        var answered1 = await Rows.InstanceAsync("hotline-call", KpiRows.At(2020, 1, 6));
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2020, 1, 7));
        var missed = await Rows.InstanceAsync("hotline-call", KpiRows.At(2020, 1, 31, 23));
        await Rows.BreachAsync(missed, "three-rings", KpiRows.At(2020, 1, 31, 23).AddSeconds(15));
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2020, 2, 1, 0)); // rang in February
        await Rows.InstanceAsync("repair", KpiRows.At(2020, 1, 8)); // not a call
        Assert.NotEqual(Guid.Empty, answered1);

        var kpis = await KpisAsync("2020-01-01", "2020-01-31");

        Assert.Equal(3, kpis.GetProperty("calls").GetInt32());
        Assert.Equal(2, kpis.GetProperty("callsAnsweredInTime").GetInt32());
        Assert.Equal(2.0 / 3, kpis.GetProperty("threeRingRate").GetDouble(), 1e-9);
        Assert.Equal(1, kpis.GetProperty("breachesByRule").GetProperty("three-rings").GetInt32());
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, KpiRows.Offset), kpis.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2020, 2, 1, 0, 0, 0, KpiRows.Offset), kpis.GetProperty("to").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_period_with_no_cases_gives_null_rates_not_zero_or_one_in_the_issues_shape()
    {
        var kpis = await KpisAsync("2020-02-10", "2020-02-20");

        string[] shape = ["from", "to", "calls", "callsAnsweredInTime", "threeRingRate", "requests", "acceptedOnTime",
            "acceptanceOnTimeRate", "repairs", "repairsOnTime", "repairOnTimeRate", "followUps", "followUpsOnTime",
            "followUpOnTimeRate", "slips", "slipsOnTime", "satisfactionAverage", "complaints", "breachesByRule"];
        Assert.Equal(shape, kpis.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0, kpis.GetProperty("repairs").GetInt32());
        foreach (var rate in new[] { "threeRingRate", "acceptanceOnTimeRate", "repairOnTimeRate", "followUpOnTimeRate", "satisfactionAverage" })
            Assert.Equal(JsonValueKind.Null, kpis.GetProperty(rate).ValueKind);
        Assert.Equal(0, kpis.GetProperty("breachesByRule").GetProperty("repair-turnaround").GetInt32());
    }

    [Fact]
    public async Task A_breach_is_counted_once_in_the_period_it_was_detected_though_its_order_closes_in_the_next()
    {
        var late = await Rows.OrderAsync("repair", KpiRows.At(2020, 3, 10));
        await Rows.BreachAsync(late, "repair-turnaround", KpiRows.At(2020, 3, 20));
        await Rows.LeftAsync(late, "repairWork", KpiRows.At(2020, 4, 5));
        var onTime = await Rows.OrderAsync("repair", KpiRows.At(2020, 4, 1));
        await Rows.LeftAsync(onTime, "repairWork", KpiRows.At(2020, 4, 2));

        var march = await KpisAsync("2020-03-01", "2020-03-31");
        var april = await KpisAsync("2020-04-01", "2020-04-30");
        var both = await KpisAsync("2020-03-01", "2020-04-30");

        Assert.Equal(1, march.GetProperty("breachesByRule").GetProperty("repair-turnaround").GetInt32());
        Assert.Equal(0, march.GetProperty("repairs").GetInt32());
        Assert.Equal(JsonValueKind.Null, march.GetProperty("repairOnTimeRate").ValueKind);
        Assert.Equal(0, april.GetProperty("breachesByRule").GetProperty("repair-turnaround").GetInt32());
        Assert.Equal(2, april.GetProperty("repairs").GetInt32());
        Assert.Equal(1, april.GetProperty("repairsOnTime").GetInt32());
        Assert.Equal(0.5, april.GetProperty("repairOnTimeRate").GetDouble());
        Assert.Equal(1, both.GetProperty("breachesByRule").GetProperty("repair-turnaround").GetInt32());
        Assert.Equal(2, both.GetProperty("repairs").GetInt32());
    }

    [Fact]
    public async Task A_request_accepted_late_counts_against_the_month_it_was_received_and_one_accepted_in_time_for_it()
    {
        await Rows.OrderAsync("repair", KpiRows.At(2020, 5, 6));
        var late = await Rows.OrderAsync("complaint", KpiRows.At(2020, 5, 7));
        await Rows.BreachAsync(late, "acceptance-24h", KpiRows.At(2020, 5, 8, 11));
        var april = await Rows.OrderAsync("training", KpiRows.At(2020, 4, 30, 17)); // received in April, late in May
        await Rows.BreachAsync(april, "acceptance-24h", KpiRows.At(2020, 5, 6, 9));

        var may = await KpisAsync("2020-05-01", "2020-05-31");

        Assert.Equal(2, may.GetProperty("requests").GetInt32());
        Assert.Equal(1, may.GetProperty("acceptedOnTime").GetInt32());
        Assert.Equal(0.5, may.GetProperty("acceptanceOnTimeRate").GetDouble());
        Assert.Equal(1, may.GetProperty("complaints").GetInt32());
        Assert.Equal(2, may.GetProperty("breachesByRule").GetProperty("acceptance-24h").GetInt32());
    }

    [Fact]
    public async Task Follow_ups_slips_and_satisfaction_count_what_was_done_in_the_period_to_its_last_day()
    {
        var kept = await Rows.InstanceAsync("repair", KpiRows.At(2020, 6, 1), ("satisfaction", "5"));
        await Rows.LeftAsync(kept, "followUpCall", KpiRows.At(2020, 6, 30, 23));
        await Rows.LeftAsync(kept, "repairSlipWork", KpiRows.At(2020, 6, 3));
        var late = await Rows.InstanceAsync("replacement", KpiRows.At(2020, 6, 2), ("satisfaction", "4"));
        await Rows.BreachAsync(late, "follow-up-3d", KpiRows.At(2020, 6, 9));
        await Rows.LeftAsync(late, "satisfactionSurvey", KpiRows.At(2020, 6, 10));
        var slipLate = await Rows.InstanceAsync("repair", KpiRows.At(2020, 6, 2));
        await Rows.BreachAsync(slipLate, "repair-slip-2d", KpiRows.At(2020, 6, 5));
        await Rows.LeftAsync(slipLate, "repairSlipWork", KpiRows.At(2020, 6, 8));
        var july = await Rows.InstanceAsync("repair", KpiRows.At(2020, 6, 2), ("satisfaction", "1"));
        await Rows.LeftAsync(july, "followUpCall", KpiRows.At(2020, 7, 1, 0)); // midnight: July
        var otherProcess = await Rows.InstanceAsync("training", KpiRows.At(2020, 6, 2), ("satisfaction", "1"));
        await Rows.LeftAsync(otherProcess, "followUpCall", KpiRows.At(2020, 6, 12)); // an element of that name, not a follow-up
        await Rows.LeftAsync(otherProcess, "repairSlipWork", KpiRows.At(2020, 6, 12));

        var june = await KpisAsync("2020-06-01", "2020-06-30");

        Assert.Equal(2, june.GetProperty("followUps").GetInt32());
        Assert.Equal(1, june.GetProperty("followUpsOnTime").GetInt32());
        Assert.Equal(0.5, june.GetProperty("followUpOnTimeRate").GetDouble());
        Assert.Equal(4.5, june.GetProperty("satisfactionAverage").GetDouble());
        Assert.Equal(2, june.GetProperty("slips").GetInt32());
        Assert.Equal(1, june.GetProperty("slipsOnTime").GetInt32());
    }

    [Theory]
    [InlineData("from=2020-13-01&to=2020-12-31", "from")]
    [InlineData("from=2020-01-01&to=yesterday", "to")]
    [InlineData("from=2020-01-01&to=2020-01-31T00:00:00", "to")] // an instant without its offset
    [InlineData("from=2020-02-01&to=2020-01-31", "to")]
    [InlineData("from=0001-01-01&to=2020-01-31", "from")]
    [InlineData("from=2020-01-01&to=9999-12-31", "to")]
    public async Task A_period_that_does_not_read_is_refused_naming_the_field(string query, string field)
    {
        var manager = await service.As("manager");

        var problem = await ApiClient.ExpectProblemAsync(await manager.GetAsync($"/api/reports/kpis?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Instants_with_an_offset_bound_the_period_to_itself_excluded_and_the_default_is_this_month()
    {
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2019, 12, 2, 10)); // 02:00Z
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2019, 12, 2, 11)); // 03:00Z: the end, not in the period

        var kpis = await KpisAsync("2019-12-02T02:00:00Z", "2019-12-02T03:00:00Z");
        Assert.Equal(1, kpis.GetProperty("calls").GetInt32());

        var month = await (await service.As("gm")).GetJsonAsync("/api/reports/kpis");
        var from = month.GetProperty("from").GetDateTimeOffset();
        Assert.Equal((1, 0, 0), (from.Day, from.Hour, from.Minute));
        Assert.Equal(TimeSpan.FromHours(8), from.Offset);
    }

    [Theory]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    [InlineData("engineer", HttpStatusCode.Forbidden)]
    [InlineData("owner", HttpStatusCode.Forbidden)]
    [InlineData("desk", HttpStatusCode.OK)]
    [InlineData("gm", HttpStatusCode.OK)]
    [InlineData("manager", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Only_managers_the_deputy_manager_the_general_manager_and_admins_read_the_kpis(string user, HttpStatusCode expected)
    {
        var client = await service.As(user);

        await ApiClient.Expect(await client.GetAsync("/api/reports/kpis?from=2019-01-01&to=2019-01-31"), expected);
    }
}
