using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The list pages beyond the engineers' five (the admin's, the supervisors' and the managers') on a phone (390×844):
/// none makes the page scroll sideways; a wide table scrolls inside its own box, and its last column can be reached.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneListsBrowserTests(BrowserFixture browser)
{
    private static readonly string[] Pages =
    [
        "/admin/staff", "/admin/audit", "/admin/groups", "/admin/calendars", "/hotline/roster",
        "/orders", "/customers", "/instances", "/breaches", "/reports", "/reports/engineers",
    ];

    [SkippableFact]
    public async Task On_a_phone_no_list_page_scrolls_sideways_and_its_tables_scroll_in_their_own_box()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInOnPhoneAsync("admin");
        var problems = PhoneScreen.Problems(page);

        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true } && await page.Locator("main").CountAsync() == 1,
                $"{path} answered {response?.Status} {await page.TitleAsync()} without the layout");
            await PhoneScreen.AssertFitsTheWidthAsync(page);
        }

        // The staff table is wider than the screen: it scrolls by itself, and its last column comes into view.
        await page.GotoAsync("/admin/staff");
        var table = page.Locator("[data-testid=staff]");
        var (scroll, client) = (await table.EvaluateAsync<int>("t => t.scrollWidth"), await table.EvaluateAsync<int>("t => t.clientWidth"));
        Assert.True(scroll > client && client <= PhoneScreen.Width, $"the staff table is {scroll} px wide in a {client} px box");
        await table.EvaluateAsync("t => t.scrollLeft = t.scrollWidth");
        var lastHeader = table.Locator("thead th").Last;
        var box = await lastHeader.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("the last column has no box");
        Assert.True(box.X + box.Width <= PhoneScreen.Width + 1, $"the last column ends at {box.X + box.Width} px after scrolling");
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }
}
