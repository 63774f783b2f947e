using System.Net;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordExportTests;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The Excel buttons of the report pages download in a browser's session: the pages are signed in with the cookie,
/// which the bearer-only API does not read, so each page serves its own workbook, with what the page shows.
/// </summary>
public sealed class ReportPageDownloadTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Period = $"from={DashboardScenario.From}&to={DashboardScenario.To}";

    private async Task<PageSession> ManagerAsync()
    {
        await new DashboardScenario(service.Host).WriteAsync();
        return await PageSession.SignInAsync(service.Host, "manager", "en");
    }

    private static async Task<byte[]> DownloadAsync(PageSession session, string page, string button)
    {
        await session.PageAsync(page);
        var response = await session.GetAsync(Href(session.Tag("data-testid", button)));
        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_dashboards_button_downloads_the_kpi_table_of_the_period_shown()
    {
        var manager = await ManagerAsync();

        var rows = Rows(await DownloadAsync(manager, $"/reports?period=custom&{Period}", "kpis-export"));

        var repairs = Assert.Single(rows, r => (string?)r["Figure"] == "Repairs (done on time)");
        Assert.Equal(DashboardScenario.Expected["repairs"], Convert.ToInt32(repairs["Cases"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_dashboard_offers_the_monthly_summary_and_the_weekly_feedback_of_its_last_day()
    {
        var manager = await ManagerAsync();
        await manager.PageAsync($"/reports?period=custom&{Period}");
        var (monthlyLink, weeklyLink) = (Href(manager.Tag("data-testid", "monthly-export")), Href(manager.Tag("data-testid", "weekly-export")));
        Assert.EndsWith("month=2017-05", monthlyLink, StringComparison.Ordinal);
        Assert.EndsWith("week=2017-W22", weeklyLink, StringComparison.Ordinal);

        var monthly = await manager.GetAsync(monthlyLink);
        var weekly = await manager.GetAsync(weeklyLink);

        await ApiClient.Expect(monthly, HttpStatusCode.OK);
        var orders = Rows(await monthly.Content.ReadAsByteArrayAsync());
        Assert.Equal(DashboardScenario.Expected["requests"], orders.Count);
        await ApiClient.Expect(weekly, HttpStatusCode.OK);
        Assert.Equal("weekly-quality-2017-W22.xlsx", weekly.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task A_numbers_list_downloads_every_case_it_shows()
    {
        var manager = await ManagerAsync();

        var rows = Rows(await DownloadAsync(manager, $"/reports/cases?number=repairs&{Period}", "cases-export"));

        Assert.Equal(DashboardScenario.Expected["repairs"], rows.Count);
    }

    [Fact]
    public async Task The_breaches_button_downloads_the_breaches_of_the_filter_shown()
    {
        var manager = await ManagerAsync();

        var rows = Rows(await DownloadAsync(manager, $"/breaches?{Period}&person=agent", "breaches-export"));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("agent", r["Responsible"]));
    }

    [Fact]
    public async Task The_ledgers_button_downloads_the_quarter_shown_and_others_are_refused()
    {
        var manager = await ManagerAsync();

        var workbook = await DownloadAsync(manager, "/reports/engineers?quarter=2017Q2", "ledger-excel");

        Assert.NotEmpty(Rows(workbook));
        var agent = await PageSession.SignInAsync(service.Host, "agent");
        PageSession.AssertDenied(await agent.Http.GetAsync("/reports/engineers?quarter=2017Q2&handler=Excel"));
        PageSession.AssertDenied(await agent.Http.GetAsync($"/reports?period=custom&{Period}&handler=Excel"));
    }
}
