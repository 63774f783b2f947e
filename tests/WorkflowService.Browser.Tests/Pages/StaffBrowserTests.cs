using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>A department starts using the product: the admin adds a colleague in the pages, and the colleague gets to work.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_engineer_added_by_the_admin_changes_the_first_password_and_finds_the_groups_task_in_the_inbox()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var userName = "liqiang-" + Guid.NewGuid().ToString("N")[..6];
        const string firstPassword = "first-password-1";
        const string ownPassword = "my-own-password-7";
        var key = "CB-staff-" + Guid.NewGuid().ToString("N")[..6];
        await CallbackProcess.DeployAsync(browser.Host);
        await CallbackProcess.StartAsync(browser.Host, key, DateTimeOffset.UtcNow.AddDays(1), group: "engineers");

        var admin = await browser.SignInAsync("admin");
        var violations = Watch(admin);
        await admin.ClickAsync("[data-nav=staff]");
        await admin.ClickAsync("[data-testid=add-person]");
        await admin.FillAsync("#userName", userName);
        await admin.FillAsync("#displayName", "李强");
        await admin.FillAsync("#email", $"{userName}@example.com");
        await admin.CheckAsync("#role-engineer");
        await admin.CheckAsync("#group-engineers");
        await admin.FillAsync("#password", firstPassword);
        await admin.ClickAsync("[data-testid=new-person] button[type=submit]");
        await admin.WaitForURLAsync($"**/admin/staff/{userName}");
        await Expect(admin.Locator("[data-testid=status] [data-status=must-change-password]")).ToBeVisibleAsync();
        await admin.ClickAsync("form[action='/logout'] button");
        await admin.WaitForURLAsync("**/login");

        var engineer = await browser.SignInAsync(userName, firstPassword);
        Watch(engineer, violations);

        Assert.Contains("/account/password", engineer.Url);
        await Expect(engineer.Locator("[data-testid=must-change-password]")).ToBeVisibleAsync();
        await engineer.FillAsync("#currentPassword", firstPassword);
        await engineer.FillAsync("#newPassword", ownPassword);
        await engineer.FillAsync("#repeatPassword", ownPassword);
        await engineer.ClickAsync("[data-testid=change-password] button[type=submit]");

        await engineer.WaitForURLAsync("**/inbox");
        await engineer.Locator($"tr[data-business-key='{key}']").WaitForAsync();
        Assert.Equal(userName, await engineer.TextContentAsync("[data-testid=current-user]"));
        Assert.Empty(violations);
        await admin.Context.CloseAsync();
        await engineer.Context.CloseAsync();
    }

    /// <summary>Collects the Content-Security-Policy violations the page reports on its console.</summary>
    private static ConcurrentQueue<string> Watch(IPage page, ConcurrentQueue<string>? into = null)
    {
        var violations = into ?? new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Enqueue(message.Text);
        };
        return violations;
    }
}
