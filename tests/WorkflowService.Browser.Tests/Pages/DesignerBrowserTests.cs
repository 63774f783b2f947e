using System.Text;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class DesignerBrowserTests(BrowserFixture browser)
{
    // Keeps the shipped name as a prefix: other browser tests of this host may look for "Accept request".
    private const string ChangedLabel = "Accept request (24 h)";

    [SkippableFact]
    public async Task A_process_owner_changes_a_label_publishes_and_sees_the_new_version()
    {
        var page = await OwnerAtAsync("/designer");
        var before = await LatestVersionAsync(page, "repair");

        await page.ClickAsync("tr[data-process=repair] [data-testid=open]");
        await OpenedAsync(page);
        await page.ClickAsync("g.djs-element[data-element-id=acceptRequest]");
        await page.FillAsync("#bio-properties-panel-name", ChangedLabel);
        await page.Locator("[data-testid=dirty]").WaitForAsync();
        await page.ClickAsync("[data-action=publish]");

        var status = page.Locator("[data-testid=status]");
        await Assertions.Expect(status).ToContainTextAsync($"Published version {before + 1}.");
        await Assertions.Expect(page.Locator("g.djs-element[data-element-id=acceptRequest]")).ToContainTextAsync(ChangedLabel);
        await page.ClickAsync("[data-testid=back]");
        Assert.Equal(before + 1, await LatestVersionAsync(page, "repair"));
        await Assertions.Expect(page.Locator($"tr[data-process=repair] + tr [data-version='{before + 1}']")).ToContainTextAsync("owner");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_uploaded_invalid_diagram_shows_the_error_on_the_element_it_names()
    {
        var page = await OwnerAtAsync("/designer");

        await UploadBrokenGatewayAsync(page);
        await page.ClickAsync("[data-action=validate]");

        var gateway = page.Locator("g.djs-element[data-element-id=checkWarranty]");
        await Assertions.Expect(gateway).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bws-invalid\b"));
        var badge = page.Locator(".djs-overlays[data-container-id=checkWarranty] .ws-validation-badge");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        Assert.Contains("has no outgoing sequence flow", await badge.GetAttributeAsync("title"));
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("1 error(s)");

        await page.ClickAsync("[data-testid=errors] button[data-element-id=checkWarranty]");
        await Assertions.Expect(gateway).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await Assertions.Expect(page.Locator("#bio-properties-panel-id")).ToHaveValueAsync("checkWarranty");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_refused_publication_shows_the_problems_detail_and_marks_the_element_it_names()
    {
        var page = await OwnerAtAsync("/designer");
        await UploadBrokenGatewayAsync(page);

        await page.ClickAsync("[data-action=publish]");

        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Not published: the diagram has errors.");
        await Assertions.Expect(page.Locator("g.djs-element[data-element-id=checkWarranty]"))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bws-invalid\b"));
        await Assertions.Expect(page.Locator("[data-testid=errors] button[data-element-id=checkWarranty]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_repair_process_opens_with_the_camunda_properties_of_a_user_task()
    {
        var page = await OwnerAtAsync("/designer/repair");
        await OpenedAsync(page);
        await page.ClickAsync("g.djs-element[data-element-id=acceptRequest]");

        await Assertions.Expect(page.Locator("#bio-properties-panel-candidateGroups")).ToHaveValueAsync("service-desk");
        // One working day of the process's calendar, counted from when the request reached the centre (countFrom).
        await Assertions.Expect(page.Locator("#bio-properties-panel-dueDate")).ToHaveValueAsync("P1D");
        await BrowserFixture.ScreenshotAsync(page, "designer");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_new_process_from_the_template_is_saved_as_a_draft_under_its_process_id()
    {
        var page = await OwnerAtAsync("/designer");

        await page.ClickAsync("[data-testid=new-process]");
        await OpenedAsync(page);
        await Assertions.Expect(page.Locator("g.djs-element[data-element-id=Task_1]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-action=save-draft]");

        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Draft saved.");
        // The address follows the key by history.replaceState: no load event to wait for, so poll.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/designer/Process_[a-z0-9]{7}$"));
        var key = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.GotoAsync("/designer");
        await Assertions.Expect(page.Locator($"tr[data-process={key}] [data-testid=draft]")).ToContainTextAsync("by owner");
        await page.Context.CloseAsync();
    }

    /// <summary>A fresh session of the process owner on <paramref name="url"/>; skips without Chromium.</summary>
    [SkippableFact]
    public async Task A_toolbar_action_after_the_sign_in_has_ended_goes_to_sign_in_and_back()
    {
        var page = await OwnerAtAsync("/designer/repair");
        await OpenedAsync(page);
        // Signed out only once the live connection is up: connecting refreshes the ringing calls, and
        // that request, signed out, would already send the page to sign in (as it should) before the click.
        await page.Locator("body[data-live=connected]").WaitForAsync();
        await page.Context.ClearCookiesAsync();

        await page.ClickAsync("[data-action=validate]");

        await page.WaitForURLAsync(url => url.EndsWith("/login?ReturnUrl=%2Fdesigner%2Frepair", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OwnerAtAsync(string url)
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner");
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Uploads a diagram whose gateway has no outgoing flow from the designer list and waits for the modeler to open it.</summary>
    private static async Task UploadBrokenGatewayAsync(IPage page)
    {
        await page.SetInputFilesAsync("[data-testid=upload-file]", new FilePayload
        {
            Name = "warranty-check.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(DesignerDiagrams.BrokenGateway),
        });
        await page.ClickAsync("[data-testid=upload-submit]");
        await page.WaitForURLAsync("**/designer/warranty-check?uploaded=1");
        await OpenedAsync(page);
    }

    /// <summary>The modeler has imported the diagram (the page script marks the editor ready).</summary>
    private static Task OpenedAsync(IPage page) =>
        page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();

    private static async Task<int> LatestVersionAsync(IPage page, string key)
    {
        var text = await page.TextContentAsync($"tr[data-process={key}] [data-testid=latest-version]") ?? "";
        return int.Parse(text.Trim().TrimStart('v'), System.Globalization.CultureInfo.InvariantCulture);
    }
}
