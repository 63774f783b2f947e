using System.Text.RegularExpressions;
using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>The instance view draws the instance's diagram with where it is and where it has been.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InstanceViewBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_instance_view_shows_the_active_task_highlighted_on_the_diagram()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var desk = await browser.Host.LoginAsync("desk");
        var id = await desk.StartAsync("repair", new
        {
            customer = "Hangzhou Metro 杭州地铁", contactPhone = "0571-8888 0000", model = "X1", units = 12, inWarranty = true,
        }, businessKey: "R-2026-0042");
        var active = (await desk.InstanceAsync(id)).GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        var manager = await browser.SignInAsync("manager");

        await manager.GotoAsync($"/instances/{id}");

        await Expect(manager.Locator("#instance-diagram")).ToHaveAttributeAsync("data-ready", "true");
        Assert.Equal(["acceptRequest"], active);
        await Expect(manager.Locator("g.djs-element[data-element-id=acceptRequest]")).ToHaveClassAsync(Marker("ws-active"));
        await Expect(manager.Locator("g.djs-element[data-element-id=repairRequested]")).ToHaveClassAsync(Marker("ws-done"));
        await Expect(manager.Locator("g.djs-element[data-element-id=startToAccept]")).ToHaveClassAsync(Marker("ws-taken"));
        await Expect(manager.Locator("[data-testid=pending-timers]")).ToContainTextAsync("acceptanceTimer");
        await Expect(manager.Locator("[data-testid=business-key]")).ToHaveTextAsync("R-2026-0042");
        await BrowserFixture.ScreenshotAsync(manager, "instance-view");
        await manager.Context.CloseAsync();
    }

    private static Regex Marker(string marker) => new($"(^|\\s){marker}(\\s|$)");
}
