using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The service desk on a phone (390×844): the navigation folds into a menu button, the inbox is a stack of cards
/// with the task as the tap target, and a task's form is one column whose Complete button a finger can hit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneTaskBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu_button_that_opens_it()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInOnPhoneAsync("desk");
        await page.GotoAsync("/inbox");

        var orders = page.Locator("[data-nav=orders]");
        await Expect(orders).ToBeHiddenAsync();
        var menu = page.Locator("[data-testid=menu-button]");
        await PhoneScreen.AssertTappableAsync(menu);
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await PhoneScreen.AssertFitsTheWidthAsync(page);

        await menu.TapAsync();

        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var link in new[] { "inbox", "customers", "orders", "instances" })
            await PhoneScreen.AssertTappableAsync(page.Locator($"[data-nav={link}]"));
        await PhoneScreen.AssertTappableAsync(page.Locator("#site-menu button[type=submit]"));
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        await orders.TapAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/orders", StringComparison.Ordinal));
        await Expect(page.Locator("[data-nav=orders]")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_the_inbox_is_a_stack_of_cards_and_tapping_a_task_opens_it()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var key = "R-phone-" + Guid.NewGuid().ToString("N")[..6];
        var instance = await browser.Host.StartAsync("repair", key, RepairRequest);
        var taskId = await browser.Host.OpenTaskAsync(instance, "acceptRequest");
        var page = await browser.SignInOnPhoneAsync("desk");
        var problems = PhoneScreen.Problems(page);

        await page.GotoAsync("/inbox");

        var card = page.Locator($"tr[data-business-key='{key}']");
        await Expect(card).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        // A card: the row is a block as wide as the list, and the column names are beside the values, not in a header.
        Assert.Equal("block", await card.EvaluateAsync<string>("row => getComputedStyle(row).display"));
        Assert.Equal("流程", await card.Locator("td[data-label='流程']").EvaluateAsync<string>(
            "cell => getComputedStyle(cell, '::before').content.replaceAll('\"', '')"));
        await Expect(page.Locator("#inbox-list thead")).Not.ToBeInViewportAsync();
        await PhoneScreen.AssertTappableAsync(page.Locator("#filter-process"));
        await PhoneScreen.AssertTappableAsync(page.Locator("#inbox-filters button[type=submit]"));
        var link = card.Locator("[data-testid=task-link]");
        await PhoneScreen.AssertTappableAsync(link);
        await Expect(link).ToHaveTextAsync("受理登记");
        await BrowserFixture.ScreenshotAsync(page, "phone-inbox");

        await link.TapAsync();

        await page.WaitForURLAsync(url => url.EndsWith($"/tasks/{taskId}", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=task-form]")).ToBeVisibleAsync();
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_a_task_is_completed_from_its_one_column_form()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var key = "R-phone-form-" + Guid.NewGuid().ToString("N")[..6];
        var instance = await browser.Host.StartAsync("repair", key, RepairRequest);
        var taskId = await browser.Host.OpenTaskAsync(instance, "acceptRequest");
        var page = await browser.SignInOnPhoneAsync("desk");
        var problems = PhoneScreen.Problems(page);

        await page.GotoAsync($"/tasks/{taskId}");

        await PhoneScreen.AssertFitsTheWidthAsync(page);
        // One column: every field starts at the same left edge, each below the one before.
        var boxes = await page.Locator("#task-form [data-field]").EvaluateAllAsync<double[][]>(
            "fields => fields.map(f => { const r = f.getBoundingClientRect(); return [r.left, r.top, r.width]; })");
        Assert.True(boxes.Length >= 3, $"{boxes.Length} fields");
        Assert.All(boxes, box => Assert.Equal(boxes[0][0], box[0], 0.5));
        Assert.All(boxes.Zip(boxes.Skip(1)), pair => Assert.True(pair.Second[1] > pair.First[1]));
        Assert.All(boxes, box => Assert.True(box[2] > PhoneScreen.Width * 0.8, $"a field only {box[2]} px wide"));
        foreach (var field in new[] { "#field-fault", "#field-customerInformed", "#field-acceptanceNote" })
            await PhoneScreen.AssertTappableAsync(page.Locator(field));
        await PhoneScreen.AssertTappableAsync(page.Locator("[data-testid=claim]"));
        var complete = page.Locator("[data-testid=complete]");
        await complete.ScrollIntoViewIfNeededAsync();
        await PhoneScreen.AssertTappableAsync(complete);

        await page.Locator("#field-fault").TapAsync();
        await page.FillAsync("#field-fault", "来电后无法开机");
        await page.SelectOptionAsync("#field-customerInformed", "true");
        await page.FillAsync("#field-acceptanceNote", "工程师明早上门");
        await BrowserFixture.ScreenshotAsync(page, "phone-task-form");
        await complete.TapAsync();

        await Expect(page.Locator("[data-testid=task-closed]")).ToBeVisibleAsync();
        Assert.Equal(["dispatchEngineer"], await browser.Host.ActiveElementsAsync(instance));
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }

    private static readonly object RepairRequest = new
    {
        customer = "恒达物流有限公司(上海浦东新区分公司)", contactPhone = "021-5555-0142", model = "PX-200", serial = "SN-88421-PHONE",
        units = 1, inWarranty = true,
    };
}
