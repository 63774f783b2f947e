using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>The designer (bpmn-js, its properties panel) speaks the signed-in person's language.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerLanguageBrowserTests(BrowserFixture browser)
{
    private const string StartEventEntry = ".djs-palette .entry[data-action='create.start-event']";
    private const string GeneralGroupTitle = "[data-group-id=group-general] .bio-properties-panel-group-header-title";
    private const string AssignmentGroupTitle =
        "[data-group-id=group-CamundaPlatform__UserAssignment] .bio-properties-panel-group-header-title";

    [SkippableFact]
    public async Task A_chinese_speaking_owner_sees_the_palette_and_the_properties_panel_in_chinese()
    {
        var page = await OwnerAtRepairAsync("zh-CN");

        await Assertions.Expect(page.Locator(StartEventEntry)).ToHaveAttributeAsync("aria-label", "创建开始事件");
        await page.ClickAsync("g.djs-element[data-element-id=acceptRequest]");
        await Assertions.Expect(page.Locator(GeneralGroupTitle)).ToHaveTextAsync("常规");
        await Assertions.Expect(page.Locator(AssignmentGroupTitle)).ToHaveTextAsync("用户分配");
        await Assertions.Expect(page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync("用户任务");
        await BrowserFixture.ScreenshotAsync(page, "designer-zh");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_english_speaking_owner_sees_the_palette_and_the_properties_panel_in_english()
    {
        var page = await OwnerAtRepairAsync("en-US");

        await Assertions.Expect(page.Locator(StartEventEntry)).ToHaveAttributeAsync("aria-label", "Create start event");
        await page.ClickAsync("g.djs-element[data-element-id=acceptRequest]");
        await Assertions.Expect(page.Locator(GeneralGroupTitle)).ToHaveTextAsync("General");
        await Assertions.Expect(page.Locator(AssignmentGroupTitle)).ToHaveTextAsync("User assignment");
        await Assertions.Expect(page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync("User Task");
        await page.Context.CloseAsync();
    }

    /// <summary>The process owner signed in with the browser in <paramref name="locale"/>, the repair process opened.</summary>
    private async Task<IPage> OwnerAtRepairAsync(string locale)
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner", locale: locale);
        await page.GotoAsync("/designer/repair");
        await page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        return page;
    }
}
