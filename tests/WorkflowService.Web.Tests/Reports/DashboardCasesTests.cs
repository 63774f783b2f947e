using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The dashboard's further figures (GET /api/reports/dashboard) and the lists behind every number (GET /api/reports/cases)
/// on a known month (<see cref="DashboardScenario"/>): exact numbers, and each list as long as its number.
/// </summary>
public sealed class DashboardCasesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Period = $"from={DashboardScenario.From}&to={DashboardScenario.To}";

    private async Task<ApiClient> ManagerAsync()
    {
        await new DashboardScenario(service.Host).WriteAsync();
        return await service.As("manager");
    }

    private static async Task<JsonElement> CasesAsync(ApiClient client, string number) =>
        await client.GetJsonAsync($"/api/reports/cases?number={Uri.EscapeDataString(number)}&{Period}");

    [Fact]
    public async Task The_months_further_figures_are_the_scenarios_worked_out_by_hand()
    {
        var manager = await ManagerAsync();

        var d = await manager.GetJsonAsync($"/api/reports/dashboard?{Period}");

        Assert.Equal(3, d.GetProperty("repairs").GetInt32());
        Assert.Equal(1, d.GetProperty("firstTimeFixes").GetInt32());
        Assert.Equal(1.0 / 3, d.GetProperty("firstTimeFixRate").GetDouble(), 1e-9);
        Assert.Equal(30, d.GetProperty("firstTimeFixDays").GetInt32());
        Assert.Equal("""{"1":0,"2":0,"3":0,"4":1,"5":1}""", d.GetProperty("satisfaction").GetRawText());
        Assert.Equal(4.5, d.GetProperty("satisfactionAverage").GetDouble());
        Assert.Equal(2, d.GetProperty("complaints").GetInt32());
        Assert.Equal("""{"productQuality":0,"repairQuality":0,"responseTime":0,"attitude":0,"fees":1,"other":0,"not-analysed":1}""",
            d.GetProperty("complaintsByCause").GetRawText());
        Assert.Equal(new DateTimeOffset(2017, 6, 1, 0, 0, 0, KpiRows.Offset), d.GetProperty("openAt").GetDateTimeOffset());
        Assert.Equal(8, d.GetProperty("openOrders").GetInt32());
        Assert.Equal("""{"under-1d":1,"1-3d":1,"3-7d":1,"7d-plus":5}""", d.GetProperty("openOrdersByAge").GetRawText());
        Assert.Equal("""{"agent":2,"engineer":1,"—":1}""", d.GetProperty("breachesByPerson").GetRawText()); // most first, then by name
    }

    [Fact]
    public async Task A_period_with_no_repair_has_no_first_time_fix_rate_rather_than_zero()
    {
        var manager = await service.As("manager");

        var d = await manager.GetJsonAsync("/api/reports/dashboard?from=2016-02-01&to=2016-02-29");

        Assert.Equal(0, d.GetProperty("repairs").GetInt32());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("firstTimeFixRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, d.GetProperty("satisfactionAverage").ValueKind);
    }

    [Fact]
    public async Task Every_numbers_list_holds_exactly_the_cases_it_counted()
    {
        var manager = await ManagerAsync();
        var kpis = await manager.GetJsonAsync($"/api/reports/kpis?{Period}");
        var dashboard = await manager.GetJsonAsync($"/api/reports/dashboard?{Period}");

        foreach (var (number, expected) in DashboardScenario.Expected)
        {
            var list = await CasesAsync(manager, number);
            Assert.True(expected == list.GetProperty("count").GetInt32(), $"{number}: {list.GetProperty("count").GetInt32()} cases, expected {expected}");
            Assert.Equal(expected, list.GetProperty("cases").GetArrayLength());
        }

        // The lists agree with the figures the dashboard shows.
        int Kpi(string name) => kpis.GetProperty(name).GetInt32();
        Assert.Equal(Kpi("calls"), DashboardScenario.Expected["calls"]);
        Assert.Equal(Kpi("callsAnsweredInTime"), DashboardScenario.Expected["calls-in-time"]);
        Assert.Equal(Kpi("requests"), DashboardScenario.Expected["requests"]);
        Assert.Equal(Kpi("acceptedOnTime"), DashboardScenario.Expected["accepted-on-time"]);
        Assert.Equal(Kpi("repairs"), DashboardScenario.Expected["repairs"]);
        Assert.Equal(Kpi("repairsOnTime"), DashboardScenario.Expected["repairs-on-time"]);
        Assert.Equal(Kpi("followUps"), DashboardScenario.Expected["follow-ups"]);
        Assert.Equal(Kpi("followUpsOnTime"), DashboardScenario.Expected["follow-ups-on-time"]);
        Assert.Equal(Kpi("slips"), DashboardScenario.Expected["slips"]);
        Assert.Equal(Kpi("slipsOnTime"), DashboardScenario.Expected["slips-on-time"]);
        Assert.Equal(Kpi("complaints"), DashboardScenario.Expected["complaints"]);
        foreach (var rule in kpis.GetProperty("breachesByRule").EnumerateObject())
            Assert.Equal(rule.Value.GetInt32(), (await CasesAsync(manager, $"rule:{rule.Name}")).GetProperty("count").GetInt32());
        Assert.Equal(dashboard.GetProperty("firstTimeFixes").GetInt32(), DashboardScenario.Expected["first-time-fixes"]);
        foreach (var score in dashboard.GetProperty("satisfaction").EnumerateObject())
            Assert.Equal(score.Value.GetInt32(), (await CasesAsync(manager, $"satisfaction:{score.Name}")).GetProperty("count").GetInt32());
        foreach (var cause in dashboard.GetProperty("complaintsByCause").EnumerateObject())
            Assert.Equal(cause.Value.GetInt32(), (await CasesAsync(manager, $"cause:{cause.Name}")).GetProperty("count").GetInt32());
        foreach (var age in dashboard.GetProperty("openOrdersByAge").EnumerateObject())
            Assert.Equal(age.Value.GetInt32(), (await CasesAsync(manager, $"age:{age.Name}")).GetProperty("count").GetInt32());
        foreach (var person in dashboard.GetProperty("breachesByPerson").EnumerateObject())
            Assert.Equal(person.Value.GetInt32(), (await CasesAsync(manager, $"person:{person.Name}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_case_names_its_order_customer_type_time_and_the_breach_that_made_it_late()
    {
        var manager = await ManagerAsync();

        var fix = Assert.Single((await CasesAsync(manager, "first-time-fixes")).GetProperty("cases").EnumerateArray());
        var late = (await CasesAsync(manager, "repairs")).GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("late").GetBoolean());

        Assert.Equal(DashboardScenario.FirstFixOrder, fix.GetProperty("orderNumber").GetString());
        Assert.Equal($"Customer {DashboardScenario.FirstFixOrder}", fix.GetProperty("customer").GetString());
        Assert.Equal("repair", fix.GetProperty("orderType").GetString());
        Assert.Equal(KpiRows.At(2017, 5, 10), fix.GetProperty("at").GetDateTimeOffset());
        Assert.False(fix.GetProperty("late").GetBoolean());
        Assert.Equal("D17-R2", late.GetProperty("orderNumber").GetString());
        var breach = Assert.Single(late.GetProperty("breaches").EnumerateArray());
        Assert.Equal(("repair-turnaround", "engineer"), (breach.GetProperty("rule").GetString(), breach.GetProperty("responsible").GetString()));
    }

    [Fact]
    public async Task The_breaches_list_filters_by_period_and_person_as_the_breach_numbers_count()
    {
        var manager = await ManagerAsync();

        var agent = await manager.GetJsonAsync($"/api/breaches?{Period}&person=agent");
        var noOne = await manager.GetJsonAsync($"/api/breaches?{Period}&person={Uri.EscapeDataString("—")}");
        var june = await manager.GetJsonAsync("/api/breaches?from=2017-06-01&to=2017-06-30&person=agent");
        var lastDay = await manager.GetJsonAsync("/api/breaches?from=2017-05-12&to=2017-05-12");

        Assert.Equal(new[] { "follow-up-3d", "three-rings" }, agent.EnumerateArray().Select(b => b.GetProperty("rule").GetString()!).ToArray());
        Assert.Equal("acceptance-24h", Assert.Single(noOne.EnumerateArray()).GetProperty("rule").GetString());
        Assert.Empty(june.EnumerateArray());
        Assert.Equal("follow-up-3d", Assert.Single(lastDay.EnumerateArray()).GetProperty("rule").GetString());
        var problem = await ApiClient.ExpectProblemAsync(await manager.GetAsync("/api/breaches?from=2017-13-01"), HttpStatusCode.BadRequest);
        Assert.Equal("from", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("repairs-late")]
    [InlineData("satisfaction:6")]
    [InlineData("cause:weather")]
    [InlineData("rule")]
    [InlineData("")]
    public async Task A_number_the_dashboard_does_not_have_is_refused_naming_the_field(string number)
    {
        var manager = await service.As("manager");

        var problem = await ApiClient.ExpectProblemAsync(
            await manager.GetAsync($"/api/reports/cases?number={Uri.EscapeDataString(number)}&{Period}"), HttpStatusCode.BadRequest);

        Assert.Equal("number", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "工单号", "是否按时", "指标", "按时数")]
    [InlineData("en", "Order", "On time", "Figure", "On time")]
    public async Task The_lists_and_the_kpi_table_export_to_workbooks_under_the_readers_language(string language, string order,
        string onTime, string figure, string kept)
    {
        var manager = await ManagerAsync();

        var cases = await WorkbookAsync(manager, $"/api/reports/cases.xlsx?number=repairs&{Period}", language);
        var table = await WorkbookAsync(manager, $"/api/reports/kpis.xlsx?{Period}", language);
        var breaches = await WorkbookAsync(manager, $"/api/breaches.xlsx?{Period}&person=agent", language);

        Assert.Equal(order, cases[0]["A"]);
        Assert.Equal(onTime, cases[0]["G"]);
        Assert.Equal(1 + 3, cases.Count); // the header and the three repairs
        Assert.Contains(cases, r => Equals(r["A"], DashboardScenario.FirstFixOrder));
        Assert.Equal(figure, table[0]["A"]);
        Assert.Equal(kept, table[0]["C"]);
        Assert.Contains(table, r => Equals(r["B"], 3d) && Equals(r["C"], 2d)); // repairs, on time
        // Breaches by their rule's name in the reader's language, the code beside it.
        var acceptance = language == "zh-CN" ? "超时次数: 24 小时内受理 (acceptance-24h)" : "Breaches: Request accepted within 24 h (acceptance-24h)";
        Assert.Contains(table, r => Equals(r["A"], acceptance));
        Assert.Equal(1 + 2, breaches.Count);
    }

    private static async Task<List<IDictionary<string, object>>> WorkbookAsync(ApiClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.Http.SendAsync(request);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return MiniExcel.Query(new MemoryStream(bytes)).Cast<IDictionary<string, object>>().ToList();
    }

    [Theory]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    [InlineData("engineer", HttpStatusCode.Forbidden)]
    [InlineData("gm", HttpStatusCode.OK)]
    [InlineData("desk", HttpStatusCode.OK)]
    public async Task Only_the_report_readers_read_the_figures_and_the_lists(string user, HttpStatusCode expected)
    {
        var client = await service.As(user);

        await ApiClient.Expect(await client.GetAsync($"/api/reports/dashboard?{Period}"), expected);
        await ApiClient.Expect(await client.GetAsync($"/api/reports/cases?number=repairs&{Period}"), expected);
        await ApiClient.Expect(await client.GetAsync($"/api/reports/cases.xlsx?number=repairs&{Period}"), expected);
        await ApiClient.Expect(await client.GetAsync($"/api/reports/kpis.xlsx?{Period}"), expected);
    }
}
