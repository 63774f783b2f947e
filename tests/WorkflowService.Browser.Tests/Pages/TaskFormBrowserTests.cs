using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class TaskFormBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_repair_is_accepted_through_its_form_after_a_refused_value()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var key = "R-form-" + Guid.NewGuid().ToString("N")[..6];
        var instance = await browser.Host.StartAsync("repair", key, new
        {
            customer = "Hengda Logistics (恒达物流)", contactPhone = "021-5555-0142", model = "PX-200", serial = "SN-88421", units = 3,
            inWarranty = true,
        });
        var taskId = await browser.Host.OpenTaskAsync(instance, "acceptRequest");
        var page = await browser.SignInAsync("desk");
        await page.GotoAsync($"/tasks/{taskId}");

        await page.FillAsync("#field-fault", "");
        await page.SelectOptionAsync("#field-customerInformed", "true");
        await page.FillAsync("#field-acceptanceNote", "Engineer calls tomorrow morning");
        await page.ClickAsync("[data-testid=complete]");

        var error = page.Locator("[data-error-for=fault]");
        await error.WaitForAsync();
        Assert.Equal("Fault is required.", (await error.TextContentAsync())?.Trim());
        Assert.Equal("true", await page.InputValueAsync("#field-customerInformed"));
        Assert.Equal("Engineer calls tomorrow morning", await page.InputValueAsync("#field-acceptanceNote"));
        Assert.Equal(["acceptRequest"], await browser.Host.ActiveElementsAsync(instance));
        await page.SetViewportSizeAsync(1400, 1250);
        await BrowserFixture.ScreenshotAsync(page, "task-form");

        await page.FillAsync("#field-fault", "Does not power on after a power cut");
        await page.ClickAsync("[data-testid=complete]");

        await page.Locator("[data-testid=task-closed]").WaitForAsync();
        Assert.Equal("Completed by desk.", (await page.TextContentAsync("[data-testid=task-closed]"))?.Trim());
        Assert.Equal(["dispatchEngineer"], await browser.Host.ActiveElementsAsync(instance));
        Assert.Equal(1, await page.Locator("[data-testid=history] li[data-event=entered][data-element=dispatchEngineer]").CountAsync());
        await page.Context.CloseAsync();
    }
}
