using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>The duty roster page in a real browser, in Chinese: a manager adds a shift and a dated change and saves.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RosterBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_manager_adds_a_weekly_shift_and_a_dated_change_and_the_page_keeps_them()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        try
        {
            var manager = await browser.SignInAsync("manager", locale: "zh-CN");
            await manager.GotoAsync("/");
            await manager.ClickAsync("[data-nav=roster]");
            await Expect(manager.Locator("h1")).ToHaveTextAsync("热线值班表");

            // The blank rows follow the saved ones: fill the first blank weekly and dated rows.
            var weekly = manager.Locator("[data-testid=weekly] tbody tr").Filter(new() { Has = manager.Locator("input[name$='.Agents']:not([value])") }).First;
            await weekly.Locator("select").SelectOptionAsync("Saturday");
            await weekly.Locator("input[name$='.Start']").FillAsync("09:00");
            await weekly.Locator("input[name$='.End']").FillAsync("12:00");
            await weekly.Locator("input[name$='.Agents']").FillAsync("agent2");
            var change = manager.Locator("[data-testid=changes] tbody tr").Filter(new() { Has = manager.Locator("input[type=date]:not([value])") }).First;
            await change.Locator("input[type=date]").FillAsync("2026-10-03");
            await change.Locator("input[name$='.Agents']").FillAsync("agent");
            await manager.FillAsync("#ForwardingMobile", "13900139000");
            await manager.ClickAsync("[data-testid=roster-form] button[type=submit]");

            await Expect(manager.Locator("[data-testid=notice]")).ToHaveTextAsync("值班表已保存。");
            await Expect(manager.Locator("#ForwardingMobile")).ToHaveValueAsync("13900139000");
            await Expect(manager.Locator("[data-testid=weekly] input[value='agent2']")).ToHaveCountAsync(1);
            await Expect(manager.Locator("[data-testid=changes] input[value='2026-10-03']")).ToHaveCountAsync(1);
            await BrowserFixture.ScreenshotAsync(manager, "duty-roster");
            await manager.Context.CloseAsync();
        }
        finally
        {
            await ClearRosterAsync();
        }
    }

    /// <summary>The other browser tests ring calls for every hotline agent: no roster may be left behind.</summary>
    private async Task ClearRosterAsync()
    {
        var admin = await browser.Host.LoginAsync("admin");
        var revision = (await admin.GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32();
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/hotline/roster", new { weekly = Array.Empty<object>(), revision }), HttpStatusCode.OK);
    }
}
