using System.Text;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;

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

    [SkippableFact]
    public async Task A_chinese_speaking_owner_reads_the_servers_validation_findings_in_chinese()
    {
        var page = await OwnerWithBrokenGatewayAsync("zh-CN");

        await page.ClickAsync("[data-action=validate]");

        var badge = page.Locator(".djs-overlays[data-container-id=checkWarranty] .ws-validation-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", "排他网关 'checkWarranty' 没有传出的顺序流");
        await Assertions.Expect(page.Locator("[data-testid=errors] button[data-element-id=checkWarranty]"))
            .ToContainTextAsync("排他网关 'checkWarranty' 没有传出的顺序流");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("1 个错误");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_english_speaking_owner_reads_the_servers_validation_findings_as_written()
    {
        var page = await OwnerWithBrokenGatewayAsync("en-US");

        await page.ClickAsync("[data-action=validate]");

        var badge = page.Locator(".djs-overlays[data-container-id=checkWarranty] .ws-validation-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", "Exclusive gateway 'checkWarranty' has no outgoing sequence flow");
        await page.Context.CloseAsync();
    }

    /// <summary>The process owner in <paramref name="locale"/>, with a diagram whose gateway has no outgoing flow uploaded and opened.</summary>
    private async Task<IPage> OwnerWithBrokenGatewayAsync(string locale)
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner", locale: locale);
        await page.GotoAsync("/designer");
        await page.SetInputFilesAsync("[data-testid=upload-file]", new FilePayload
        {
            Name = "warranty-check.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(DesignerDiagrams.BrokenGateway),
        });
        await page.ClickAsync("[data-testid=upload-submit]");
        await page.WaitForURLAsync("**/designer/warranty-check?uploaded=1");
        await page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        return page;
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
