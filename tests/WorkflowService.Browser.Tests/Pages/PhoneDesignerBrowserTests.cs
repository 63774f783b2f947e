using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The designer on a phone (390×844): no broken canvas, but a notice that it needs a larger screen, in the person's
/// language; the modeler starts once the window is wide enough.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneDesignerBrowserTests(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("zh-CN", "流程设计器需要更大的屏幕", "前往待办任务")]
    [InlineData("en-US", "The designer needs a larger screen", "Go to my tasks")]
    public async Task On_a_phone_the_designer_says_it_needs_a_larger_screen_instead_of_a_canvas(string locale, string title, string inbox)
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInOnPhoneAsync("owner", locale);
        var problems = PhoneScreen.Problems(page);

        // The list of processes fits (its table scrolls in its own box); opening one shows the notice.
        await page.GotoAsync("/designer");
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        var open = page.Locator("tr[data-process=repair] [data-testid=open]");
        await open.ScrollIntoViewIfNeededAsync();
        await open.TapAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/designer/repair", StringComparison.Ordinal));

        var notice = page.Locator("[data-testid=designer-small-screen]");
        await Expect(notice.Locator("h2")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-testid=designer]")).ToBeHiddenAsync();
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        var back = page.Locator("[data-testid=designer-small-screen-inbox]");
        await Expect(back).ToHaveTextAsync(inbox);
        await PhoneScreen.AssertTappableAsync(back);
        // Not started behind the notice: a hidden canvas has no size to fit the diagram into.
        Assert.False(await page.EvaluateAsync<bool>("() => !!window.WorkflowDesigner.current"));
        await BrowserFixture.ScreenshotAsync(page, $"phone-designer-{locale}");

        // A tablet turned sideways: the notice goes and the modeler starts, with the diagram in view.
        await page.SetViewportSizeAsync(1024, 768);
        await Expect(notice).ToBeHiddenAsync();
        await page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.WorkflowDesigner.current.get('elementRegistry').get('acceptRequest') != null"));
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }
}
