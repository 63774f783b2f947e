using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_new_task_appears_live_in_every_inbox_it_is_offered_to_and_leaves_when_completed()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var pages = new[] { await OpenInboxAsync("agent"), await OpenInboxAsync("agent2") };
        var key = "C-live-" + Guid.NewGuid().ToString("N")[..6];
        var row = $"tr[data-business-key='{key}']";

        var instance = await browser.Host.StartAsync("complaint", key);

        foreach (var page in pages)
        {
            await page.Locator(row).WaitForAsync();
            Assert.Equal("Record complaint and assign owner", (await page.Locator($"{row} [data-testid=task-link]").TextContentAsync())?.Trim());
        }
        await browser.Host.CompleteAsync(instance, "recordComplaint",
            new { category = "delay", description = "Late repair", owner = "manager" });
        foreach (var page in pages)
        {
            await page.Locator(row).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await AssertNotReloadedAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [SkippableFact]
    public async Task A_task_claimed_by_one_agent_leaves_the_other_agents_inbox_live()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var key = "C-claim-" + Guid.NewGuid().ToString("N")[..6];
        await browser.Host.StartAsync("complaint", key);
        var agent = await OpenInboxAsync("agent");
        var agent2 = await OpenInboxAsync("agent2");
        var row = $"tr[data-business-key='{key}']";
        await agent2.Locator(row).WaitForAsync();

        await agent.ClickAsync($"{row} [data-testid=task-link]");
        await agent.ClickAsync("[data-testid=claim]");
        await agent.Locator("[data-testid=unclaim]").WaitForAsync();

        await agent2.Locator(row).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await AssertNotReloadedAsync(agent2);
        await agent.GotoAsync("/inbox");
        Assert.Equal("Claimed by me", (await agent.Locator($"{row} [data-testid=assignee]").TextContentAsync())?.Trim());
        await agent.Context.CloseAsync();
        await agent2.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_inbox_with_SLA_badges_for_the_README()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var host = browser.Host;
        var now = DateTimeOffset.UtcNow;
        await CallbackProcess.DeployAsync(host);
        await CallbackProcess.StartAsync(host, "CB-1041", now.AddHours(-3), priority: 70, group: "engineers");
        await CallbackProcess.StartAsync(host, "CB-1042", now.AddHours(2), priority: 60, group: "engineers");
        var claimed = await CallbackProcess.StartAsync(host, "CB-1043", now.AddDays(2), group: "engineers");
        await StartRepairAtAssessmentAsync("R-2026-0142", units: 8);
        await StartRepairAtAssessmentAsync("R-2026-0143", units: 25);
        var tasks = host.Services.GetRequiredService<TaskService>();
        await tasks.ClaimAsync(new Caller("engineer", new HashSet<string> { "engineers" }, false),
            await host.OpenTaskAsync(claimed, "callBack"));

        var page = await OpenInboxAsync("engineer");

        foreach (var (key, sla) in new[] { ("CB-1041", "overdue"), ("CB-1042", "due-soon"), ("CB-1043", "on-time"), ("R-2026-0142", "none") })
            Assert.Equal(sla, await page.GetAttributeAsync($"tr[data-business-key='{key}']", "data-sla"));
        await BrowserFixture.ScreenshotAsync(page, "inbox");
        await page.Context.CloseAsync();
    }

    /// <summary>A repair accepted and dispatched to the engineer by the service desk, its units received: the engineer's assessment is open.</summary>
    private async Task StartRepairAtAssessmentAsync(string businessKey, int units)
    {
        var instance = await browser.Host.StartAsync("repair", businessKey, new
        {
            customer = "Hengda Logistics (恒达物流)", contactPhone = "021-5555-0142", model = "PX-200", units, inWarranty = true,
        });
        await browser.Host.CompleteAsync(instance, "acceptRequest", new { fault = "Does not power on", customerInformed = true });
        await browser.Host.CompleteAsync(instance, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
        await browser.Host.CompleteAsync(instance, "receiveUnits", new { });
    }

    /// <summary>Signs in, opens the inbox and waits until live updates are connected; marks the document to detect a reload.</summary>
    private async Task<IPage> OpenInboxAsync(string user)
    {
        var page = await browser.SignInAsync(user);
        await page.GotoAsync("/inbox");
        await page.Locator("body[data-live=connected]").WaitForAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        return page;
    }

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The inbox was reloaded instead of updated");
}
