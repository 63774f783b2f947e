using System.Net;
using System.Text.Json;
using WorkflowService.Web.Pages.Reports;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The managers' dashboard (/reports) on a known scenario: the KPI rows of a past month of its own (<see cref="KpiRows"/>),
/// read through the page's "from – to" period, so every tile's number is the scenario's.
/// </summary>
public sealed class DashboardPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private KpiRows Rows => new(service.Host);

    /// <summary>A tile's label, value and (where there is one) "on time / cases", as one line.</summary>
    private static string Tile(PageSession page, string kpi) =>
        string.Join(' ', new[] { page.Text("data-kpi-label", kpi), page.Text("data-kpi-value", kpi),
            page.Html.Contains($"data-kpi-ratio=\"{kpi}\"", StringComparison.Ordinal) ? page.Text("data-kpi-ratio", kpi) : "" }.Where(t => t.Length > 0));

    [Fact]
    public async Task A_manager_sees_the_months_rates_with_their_counts_a_dash_for_no_case_and_links_to_the_lists()
    {
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2018, 3, 5));
        await Rows.InstanceAsync("hotline-call", KpiRows.At(2018, 3, 6));
        var missed = await Rows.InstanceAsync("hotline-call", KpiRows.At(2018, 3, 7));
        await Rows.BreachAsync(missed, "three-rings", KpiRows.At(2018, 3, 7).AddSeconds(15));
        await Rows.OrderAsync("repair", KpiRows.At(2018, 3, 8));
        var complaint = await Rows.OrderAsync("complaint", KpiRows.At(2018, 3, 9));
        await Rows.BreachAsync(complaint, "acceptance-24h", KpiRows.At(2018, 3, 10, 11));
        var manager = await PageSession.SignInAsync(service.Host, "manager", "en");

        await manager.PageAsync("/reports?period=custom&from=2018-03-01&to=2018-03-31");

        Assert.Equal("custom", manager.SelectedOption("period"));
        Assert.Equal("2018-03-01", manager.InputValue("from"));
        Assert.Equal("2018-03-31", manager.InputValue("to"));
        Assert.Equal("Answered within three rings 66.7% 2 / 3", Tile(manager, "three-rings"));
        Assert.Equal("Calls not answered in time 1", Tile(manager, "missed-calls"));
        Assert.Equal("Requests accepted on time 50% 1 / 2", Tile(manager, "acceptance"));
        Assert.Equal("Repairs done on time — 0 / 0", Tile(manager, "repairs"));
        Assert.Equal("Satisfaction (1–5) —", Tile(manager, "satisfaction"));
        Assert.Equal("Complaints 1", Tile(manager, "complaints"));
        Assert.Contains("<a href=\"/reports/cases?number=complaints&from=2018-03-01&to=2018-03-31\" data-number=\"complaints\">1</a>", manager.Html);
        Assert.Contains("<a href=\"/reports/cases?number=requests&from=2018-03-01&to=2018-03-31\" data-testid=\"requests-link\">2</a>", manager.Html);
        Assert.Equal("1", manager.Text("data-rule", "three-rings").Split(' ')[^1]);
        Assert.Contains("<a href=\"/breaches?from=2018-03-01&to=2018-03-31&rule=three-rings\">1</a>", manager.Html);
        Assert.Contains("<a href=\"/breaches?from=2018-03-01&to=2018-03-31&rule=acceptance-24h\">1</a>", manager.Html);
        Assert.Contains("src=\"/dist/dashboard.js", manager.Html);

        // The complaint is in the list its number leads to.
        var cases = await manager.PageAsync("/reports/cases?number=complaints&from=2018-03-01&to=2018-03-31");
        Assert.Contains($"K-{complaint.ToString("N")[..24]}", cases);
    }

    [Fact]
    public async Task The_charts_data_is_a_json_block_with_every_day_of_the_period_and_the_requests_by_type()
    {
        await Rows.OrderAsync("repair", KpiRows.At(2018, 4, 2));
        await Rows.OrderAsync("repair", KpiRows.At(2018, 4, 2, 23)); // 23:00 in Shanghai: still the 2nd there
        await Rows.OrderAsync("complaint", KpiRows.At(2018, 4, 4));
        var manager = await PageSession.SignInAsync(service.Host, "gm", "en");

        var raw = await manager.GetPageAsync("/reports?period=custom&from=2018-04-01&to=2018-04-05");

        using var data = ChartData(raw);
        var volume = data.RootElement.GetProperty("volume");
        Assert.Equal(["2018-04-01", "2018-04-02", "2018-04-03", "2018-04-04", "2018-04-05"],
            volume.GetProperty("days").EnumerateArray().Select(d => d.GetString()!).ToArray());
        var series = volume.GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.GetProperty("type").GetString()!, s => s.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([0, 2, 0, 0, 0], series["repair"]);
        Assert.Equal([0, 0, 0, 1, 0], series["complaint"]);
        var breaches = data.RootElement.GetProperty("breaches");
        Assert.Contains("three-rings", breaches.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(breaches.GetProperty("rules").GetArrayLength(), breaches.GetProperty("counts").GetArrayLength());
    }

    [Fact]
    public async Task A_period_longer_than_a_quarter_has_a_bar_per_month_that_adds_up_its_days()
    {
        await Rows.OrderAsync("repair", KpiRows.At(2016, 2, 3));
        await Rows.OrderAsync("repair", KpiRows.At(2016, 2, 29));
        await Rows.OrderAsync("repair", KpiRows.At(2016, 7, 1));
        var manager = await PageSession.SignInAsync(service.Host, "manager", "en");

        using var data = ChartData(await manager.GetPageAsync("/reports?period=custom&from=2016-01-15&to=2016-07-31"));

        var volume = data.RootElement.GetProperty("volume");
        Assert.Equal(["2016-01", "2016-02", "2016-03", "2016-04", "2016-05", "2016-06", "2016-07"],
            volume.GetProperty("days").EnumerateArray().Select(d => d.GetString()!).ToArray());
        var repair = Assert.Single(volume.GetProperty("series").EnumerateArray());
        Assert.Equal([0, 2, 0, 0, 0, 0, 1], repair.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
    }

    /// <summary>The page's JSON block for the charts, as the script reads it.</summary>
    private static JsonDocument ChartData(string raw)
    {
        var start = raw.IndexOf("<script type=\"application/json\" id=\"dashboard-data\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "no data block");
        start = raw.IndexOf('>', start) + 1;
        return JsonDocument.Parse(raw[start..raw.IndexOf("</script>", start, StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task The_dashboard_speaks_chinese_and_defaults_to_this_month()
    {
        var manager = await PageSession.SignInAsync(service.Host, "desk", "zh-CN");

        await manager.PageAsync("/reports");

        Assert.Contains("<h1 class=\"h4\">管理看板</h1>", manager.Html);
        Assert.Equal("month", manager.SelectedOption("period"));
        Assert.EndsWith("-01", manager.InputValue("from"));
        Assert.Contains("<option value=\"quarter\">本季度</option>", manager.Html);
        Assert.Contains("三声接听率", manager.Html);
    }

    [Fact]
    public async Task A_period_that_does_not_read_is_named_and_shows_no_numbers()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager", "en");

        await manager.PageAsync("/reports?period=custom&from=2018-05-10&to=2018-05-01");

        Assert.Contains("data-testid=\"dashboard-bad-period\"", manager.Html);
        Assert.DoesNotContain("data-testid=\"dashboard-tiles\"", manager.Html);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    [InlineData("owner")]
    public async Task Only_the_kpi_readers_open_the_dashboard(string user)
    {
        var session = await PageSession.SignInAsync(service.Host, user);

        PageSession.AssertDenied(await session.GetAsync("/reports"));
    }

    [Fact]
    public async Task The_nav_links_the_dashboard_for_a_manager_and_not_for_an_agent()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager", "en");
        var agent = await PageSession.SignInAsync(service.Host, "agent", "en");

        Assert.Contains("data-nav=\"dashboard\"", await manager.PageAsync("/inbox"));
        Assert.DoesNotContain("data-nav=\"dashboard\"", await agent.PageAsync("/inbox"));
    }

    [Theory]
    [InlineData("today", "2026-11-19", "2026-11-19", "2026-11-19")]
    [InlineData("week", "2026-11-19", "2026-11-16", "2026-11-19")] // a Thursday: the week began on Monday
    [InlineData("week", "2026-11-16", "2026-11-16", "2026-11-16")]
    [InlineData("week", "2026-11-22", "2026-11-16", "2026-11-22")] // Sunday ends the week
    [InlineData("month", "2026-11-19", "2026-11-01", "2026-11-19")]
    [InlineData("quarter", "2026-11-19", "2026-10-01", "2026-11-19")]
    [InlineData("quarter", "2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData("nonsense", "2026-11-19", "2026-11-01", "2026-11-19")]
    public void The_period_pickers_choices_run_from_their_first_day_to_today(string choice, string today, string first, string last)
    {
        var days = DashboardPeriod.Days(choice, "2000-01-01", "2000-01-02", DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), days);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-31", true)]
    [InlineData("2026-01-05", "2026-01-05", true)]
    [InlineData("2026-01-05", "2026-01-04", false)]
    [InlineData("2026-13-01", "2026-01-04", false)]
    [InlineData(null, "2026-01-04", false)]
    [InlineData("2026-01-01", "9999-12-31", false)]
    public void From_to_takes_two_dates_in_order(string? from, string to, bool reads)
    {
        var days = DashboardPeriod.Days(DashboardPeriod.Custom, from, to, new DateOnly(2026, 11, 19));

        Assert.Equal(reads, days is not null);
    }
}
