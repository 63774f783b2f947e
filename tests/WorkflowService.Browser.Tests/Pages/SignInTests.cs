using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_user_signs_in_and_sees_only_what_their_role_allows()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());

        var page = await browser.SignInAsync("agent");

        Assert.Equal("agent", await page.TextContentAsync("[data-testid=current-user]"));
        Assert.Equal(1, await page.Locator("[data-nav=inbox]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-nav=designer]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-nav=phone]").CountAsync());
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_wrong_password_is_refused_in_the_browsers_language()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");

        await page.FillAsync("#userName", "agent");
        await page.FillAsync("#password", "wrong-password-9");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("用户名或密码错误。", (await page.TextContentAsync("[data-testid=login-error]"))?.Trim());
        await context.CloseAsync();
    }
}
