using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// A task handed to an agent through the API rings the agent's bell on the page they have open, without a reload, and
/// the list shows it in Chinese; a colleague's open page hears nothing of it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationBellBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 25_000 };

    [SkippableFact]
    public async Task A_task_assigned_by_the_api_raises_the_bell_and_fills_the_list_live_in_chinese()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var agent = await browser.SignInAsync("agent", locale: "zh-CN");
        await agent.GotoAsync("/notifications");
        await agent.WaitForSelectorAsync("body[data-live=connected]");
        var colleague = await browser.SignInAsync("agent2");
        await colleague.GotoAsync("/notifications");
        await colleague.WaitForSelectorAsync("body[data-live=connected]");
        var bell = agent.Locator("[data-testid=bell-count]");
        var before = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", CultureInfo.InvariantCulture);
        var colleagueBefore = await colleague.Locator("[data-testid=bell-count]").GetAttributeAsync("data-unread");

        using var deskHttp = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var desk = new ApiClient(deskHttp);
        await desk.AuthenticateAsync("agent2", WorkflowHost.DemoPassword);
        var instance = await desk.StartAsync("complaint", businessKey: "BELL-LIVE");
        var task = await desk.TaskIdAsync(instance, "recordComplaint");
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var manager = new ApiClient(http);
        await manager.AuthenticateAsync("manager", WorkflowHost.DemoPassword);
        await manager.PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "agent" }, HttpStatusCode.OK);

        await Expect(bell).ToHaveAttributeAsync("data-unread", (before + 1).ToString(CultureInfo.InvariantCulture), Soon);
        await Expect(bell).ToBeVisibleAsync();
        var notice = agent.Locator("[data-testid=notice]", new() { HasText = "BELL-LIVE" });
        await Expect(notice.Locator("[data-testid=notice-title]")).ToHaveTextAsync("有一项任务分配给您: 登记投诉并指定负责人 (BELL-LIVE)");
        await Expect(notice.Locator("[data-testid=notice-title]")).ToHaveAttributeAsync("href", $"/tasks/{task}");
        Assert.Equal(colleagueBefore, await colleague.Locator("[data-testid=bell-count]").GetAttributeAsync("data-unread"));
        Assert.Equal(0, await colleague.Locator("[data-testid=notice]", new() { HasText = "BELL-LIVE" }).CountAsync());

        await notice.Locator("[data-testid=mark-read]").ClickAsync();
        await Expect(agent.Locator("[data-testid=bell-count]")).ToHaveAttributeAsync("data-unread", before.ToString(CultureInfo.InvariantCulture));
        await agent.Context.CloseAsync();
        await colleague.Context.CloseAsync();
    }
}
