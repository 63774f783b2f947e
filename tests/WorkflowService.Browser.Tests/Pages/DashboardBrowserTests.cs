using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The managers' dashboard in a real browser, in Chinese: a manager picks a past month, the charts are drawn (ECharts on a
/// canvas, under the service's Content-Security-Policy), a breach count leads to the breaches of its rule in the month,
/// and the repairs count to the list of its orders, as many as the count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_manager_picks_a_month_sees_the_charts_drawn_and_follows_a_breach_count_to_its_list()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var rows = new KpiRows(browser.Host);
        var missed = await rows.InstanceAsync("hotline-call", KpiRows.At(2017, 6, 5));
        await rows.BreachAsync(missed, "three-rings", KpiRows.At(2017, 6, 5).AddSeconds(15));
        var repair = await rows.OrderAsync("repair", KpiRows.At(2017, 6, 6));
        await rows.LeftAsync(repair, "repairWork", KpiRows.At(2017, 6, 8));
        await rows.OrderAsync("complaint", KpiRows.At(2017, 6, 7));

        var manager = await browser.SignInAsync("manager", locale: "zh-CN");
        var errors = new ConcurrentQueue<string>();
        // The service has no favicon: the browser's own request for one is not the page's error.
        manager.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Enqueue($"{message.Text} {message.Location}");
        };
        manager.PageError += (_, error) => errors.Enqueue(error);
        manager.Response += (_, response) => { if (response.Status >= 400) errors.Enqueue($"{response.Status} {response.Url}"); };
        await manager.GotoAsync("/");
        await manager.ClickAsync("[data-nav=dashboard]");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("管理看板");

        await manager.SelectOptionAsync("#period", "custom");
        await manager.FillAsync("#from", "2017-06-01");
        await manager.FillAsync("#to", "2017-06-30");
        await manager.ClickAsync("[data-testid=dashboard-period] button[type=submit]");

        await Expect(manager.Locator("[data-kpi-value=three-rings]")).ToHaveTextAsync("0%");
        await Expect(manager.Locator("[data-kpi-ratio=three-rings]")).ToHaveTextAsync("0 / 1");
        await Expect(manager.Locator("[data-kpi-value=complaints]")).ToHaveTextAsync("1");
        await Expect(manager.Locator("[data-testid=chart-breaches][data-ready=true] canvas")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=chart-volume][data-ready=true] canvas")).ToHaveCountAsync(1);
        var drawn = await manager.Locator("[data-testid=chart-breaches] canvas").EvaluateAsync<bool>(
            "c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)");
        Assert.True(drawn, "the breaches chart's canvas is blank");
        await BrowserFixture.ScreenshotAsync(manager, "managers-dashboard");

        await manager.ClickAsync("[data-testid=dashboard-breaches] tr[data-rule=three-rings] a");

        await manager.WaitForURLAsync(url => url.Contains("/breaches?from=2017-06-01&to=2017-06-30&rule=three-rings"));
        await Expect(manager.Locator($"tr[data-rule=three-rings][data-instance-id='{missed}']")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=breaches-count]")).ToHaveAttributeAsync("data-count", "1");

        // The repairs count leads to the list of exactly its orders, each linking to its order's page.
        await manager.GoBackAsync();
        await Expect(manager.Locator("[data-testid=chart-causes][data-ready=true] canvas")).ToHaveCountAsync(1);
        var repairs = await manager.Locator("[data-kpi-ratio=repairs] a[data-number=repairs]").TextContentAsync();
        Assert.Equal("1", repairs);
        await manager.ClickAsync("[data-kpi-ratio=repairs] a[data-number=repairs]");
        await manager.WaitForURLAsync(url => url.Contains("/reports/cases?number=repairs&from=2017-06-01&to=2017-06-30"));
        await Expect(manager.Locator("[data-testid=cases-count]")).ToHaveAttributeAsync("data-count", repairs!);
        await Expect(manager.Locator("[data-testid=cases] tbody tr")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=case-order]")).ToHaveAttributeAsync("href", $"/orders/K-{repair.ToString("N")[..24]}");
        await Expect(manager.Locator("[data-testid=cases-title]")).ToContainTextAsync("完成的维修");
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        await manager.Context.CloseAsync();
    }
}
