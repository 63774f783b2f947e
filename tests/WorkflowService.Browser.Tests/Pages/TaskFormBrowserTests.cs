using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class TaskFormBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_repair_is_registered_through_its_form_after_a_refused_value()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var key = "R-form-" + Guid.NewGuid().ToString("N")[..6];
        var instance = await browser.Host.StartAsync("repair", key);
        var taskId = await browser.Host.OpenTaskAsync(instance, "registerRequest");
        var page = await browser.SignInAsync("desk");
        await page.GotoAsync($"/tasks/{taskId}");

        await page.FillAsync("#field-customer", "Hengda Logistics (恒达物流)");
        await page.FillAsync("#field-contactPhone", "021-5555-0142");
        await page.FillAsync("#field-model", "PX-200");
        await page.FillAsync("#field-serial", "SN-88421");
        await page.FillAsync("#field-fault", "Does not power on after a power cut");
        await page.FillAsync("#field-units", "0");
        await page.SelectOptionAsync("#field-inWarranty", "true");
        await page.ClickAsync("[data-testid=complete]");

        var error = page.Locator("[data-error-for=units]");
        await error.WaitForAsync();
        Assert.Equal("Units to repair (台数) must be at least 1.", (await error.TextContentAsync())?.Trim());
        Assert.Equal("Hengda Logistics (恒达物流)", await page.InputValueAsync("#field-customer"));
        Assert.Equal("021-5555-0142", await page.InputValueAsync("#field-contactPhone"));
        Assert.Equal("Does not power on after a power cut", await page.InputValueAsync("#field-fault"));
        Assert.Equal("0", await page.InputValueAsync("#field-units"));
        Assert.Equal("true", await page.InputValueAsync("#field-inWarranty"));
        Assert.Equal(["registerRequest"], await browser.Host.ActiveElementsAsync(instance));
        await page.SetViewportSizeAsync(1400, 1250);
        await BrowserFixture.ScreenshotAsync(page, "task-form");

        await page.FillAsync("#field-units", "3");
        await page.ClickAsync("[data-testid=complete]");

        await page.Locator("[data-testid=task-closed]").WaitForAsync();
        Assert.Equal("Completed by desk.", (await page.TextContentAsync("[data-testid=task-closed]"))?.Trim());
        Assert.Equal(["acceptRequest"], await browser.Host.ActiveElementsAsync(instance));
        Assert.Equal(1, await page.Locator("[data-testid=history] li[data-event=entered][data-element=acceptRequest]").CountAsync());
        await page.Context.CloseAsync();
    }
}
