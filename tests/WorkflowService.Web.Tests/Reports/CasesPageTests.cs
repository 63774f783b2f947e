using System.Text.RegularExpressions;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The dashboard's further figures and the drill-down page (/reports/cases) on the known May of
/// <see cref="DashboardScenario"/>: each number links to a list of exactly its cases, in English and Chinese; the
/// breaches list filters by period and person.
/// </summary>
public sealed partial class CasesPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Period = $"from={DashboardScenario.From}&to={DashboardScenario.To}";

    private async Task<PageSession> SignInAsync(string user = "manager", string language = "en")
    {
        await new DashboardScenario(service.Host).WriteAsync();
        return await PageSession.SignInAsync(service.Host, user, language);
    }

    private static int Count(PageSession page) =>
        int.Parse(CountAttribute().Match(page.Html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_dashboard_shows_the_first_time_fix_rate_and_its_repairs_link_to_a_list_of_as_many_orders()
    {
        var manager = await SignInAsync();

        await manager.PageAsync($"/reports?period=custom&{Period}");

        Assert.Equal("Fixed the first time 33.3% 1 / 3", string.Join(' ', manager.Text("data-kpi-label", "first-time-fix"),
            manager.Text("data-kpi-value", "first-time-fix"), manager.Text("data-kpi-ratio", "first-time-fix")));
        Assert.Contains($"<a href=\"/reports/cases?number=first-time-fixes&{Period}\" data-number=\"first-time-fixes\">1</a>", manager.Html);
        Assert.Equal("Fees 1", manager.Text("data-causes", "fees"));
        Assert.Equal("Not analysed yet 1", manager.Text("data-causes", "not-analysed"));
        Assert.Equal("7 days or more 5", manager.Text("data-ages", "7d-plus"));
        Assert.Equal("4 1", manager.Text("data-satisfaction", "4"));
        Assert.Equal("— (no one charged) 1", manager.Text("data-persons", "—"));
        Assert.Contains($"<a href=\"/breaches?{Period}&person=agent\">2</a>", manager.Html);
        Assert.Contains($"href=\"/reports?period=custom&{Period}&handler=Excel\"", manager.Html);
        // The charts' data: each bar with the address of its list, for dashboard.js to follow on a click.
        Assert.Contains("\"causes\":[{\"key\":\"productQuality\",\"label\":\"Product quality\",\"count\":0,", manager.Html);
        Assert.Contains("\"period\":{\"from\":\"2017-05-01\",\"to\":\"2017-05-31\"}", manager.Html);

        await manager.PageAsync($"/reports/cases?number=repairs&{Period}");

        Assert.Equal(3, Count(manager));
        Assert.Equal(3, Regex.Count(manager.Html, "<tr data-case="));
        Assert.Contains($"<a href=\"/orders/{DashboardScenario.FirstFixOrder}\" data-testid=\"case-order\">{DashboardScenario.FirstFixOrder}</a>", manager.Html);
        Assert.Contains($"Customer {DashboardScenario.FirstFixOrder}", manager.Html);
        Assert.Equal(1, Regex.Count(manager.Html, "data-late=\"true\""));
        Assert.Contains($"href=\"/reports/cases?number=repairs&{Period}&handler=Excel\"", manager.Html);
    }

    [Fact]
    public async Task Every_numbers_page_lists_as_many_cases_as_the_number()
    {
        var manager = await SignInAsync();

        foreach (var (number, expected) in DashboardScenario.Expected)
        {
            await manager.PageAsync($"/reports/cases?number={Uri.EscapeDataString(number)}&{Period}");
            Assert.True(expected == Count(manager), $"{number}: the page counts {Count(manager)}, expected {expected}");
            Assert.Equal(Math.Min(expected, 1000), Regex.Count(manager.Html, "<tr data-case="));
        }
    }

    [Fact]
    public async Task The_list_reads_in_chinese()
    {
        var manager = await SignInAsync("gm", "zh-CN");

        await manager.PageAsync($"/reports/cases?number={Uri.EscapeDataString("cause:fees")}&{Period}");

        Assert.Equal($"投诉原因: 收费: {DashboardScenario.From} 至 {DashboardScenario.To}", manager.Text("data-testid", "cases-title"));
        Assert.Contains("<th>工单号</th>", manager.Html);
        Assert.Contains("共 1 条", manager.Html);
        Assert.Contains(">D17-C1</a>", manager.Html);
    }

    [Fact]
    public async Task A_link_without_a_number_or_period_the_dashboard_has_says_so()
    {
        var manager = await SignInAsync();

        await manager.PageAsync($"/reports/cases?number=everything&{Period}");
        Assert.Contains("data-testid=\"cases-unreadable\"", manager.Html);
        await manager.PageAsync("/reports/cases?number=repairs&from=2017-05-31&to=2017-05-01");
        Assert.Contains("data-testid=\"cases-unreadable\"", manager.Html);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    public async Task Staff_who_do_not_read_the_reports_are_denied_the_list(string user)
    {
        var session = await SignInAsync(user);

        PageSession.AssertDenied(await session.GetAsync($"/reports/cases?number=repairs&{Period}"));
    }

    [Fact]
    public async Task The_breaches_list_filters_by_the_days_detected_and_the_person_charged()
    {
        var manager = await SignInAsync();

        await manager.PageAsync($"/breaches?{Period}&person=agent");
        Assert.Equal(2, Count(manager));
        Assert.Equal("agent", manager.InputValue("person"));
        Assert.Contains($"href=\"/breaches?from={DashboardScenario.From}&to={DashboardScenario.To}&person=agent&handler=Excel\"", manager.Html);

        await manager.PageAsync($"/breaches?{Period}&rule=repair-turnaround");
        Assert.Equal(1, Count(manager));

        await manager.PageAsync("/breaches?from=2017-05-40&person=agent");
        Assert.Contains("data-testid=\"breaches-bad-dates\"", manager.Html);
    }

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex CountAttribute();
}
