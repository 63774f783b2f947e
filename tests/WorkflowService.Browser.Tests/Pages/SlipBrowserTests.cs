using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The customer signs the repair slip on the tablet: a stroke drawn with the mouse on the signature pad is saved as a
/// PNG (the page's script, under the content security policy) and the order reads signed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SlipBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_signature_drawn_on_the_pad_is_saved_and_the_order_reads_signed()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var api = await browser.Host.LoginAsync("agent");
        var customer = (await api.PostJsonAsync("/api/customers", new
        {
            name = "签字测试客户" + Guid.NewGuid().ToString("N")[..6], category = "regular", contacts = new[] { new { name = "周工", mobile = "13500000004" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var serial = "SIG" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await api.PostJsonAsync($"/api/customers/{customer}/devices", new { model = "MR-7", serial, soldOn = "2026-01-01", warrantyMonths = 24 },
            HttpStatusCode.Created);
        var number = (await api.PostJsonAsync("/api/orders", new { type = "repair", customerId = customer, serials = new[] { serial } },
            HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var engineer = await browser.SignInAsync("engineer", locale: "zh-CN");
        var problems = new ConcurrentQueue<string>();
        // The pad's script failing, or being refused by the content security policy, is what this test is about.
        engineer.PageError += (_, error) => problems.Enqueue($"{engineer.Url}: {error}");
        engineer.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) problems.Enqueue($"{engineer.Url}: {message.Text}");
        };

        await engineer.GotoAsync($"{browser.BaseUrl}/orders/{number}/slip");
        await Expect(engineer.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "false");
        // On paper only the sheet: no navigation, upload form or pad.
        await engineer.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(engineer.Locator("[data-testid=slip-sheet]")).ToBeVisibleAsync();
        await Expect(engineer.Locator("[data-testid=slip-boxes]")).ToBeVisibleAsync();
        await Expect(engineer.Locator("nav.navbar")).ToBeHiddenAsync();
        await Expect(engineer.Locator("[data-testid=signature-form]")).ToBeHiddenAsync();
        await engineer.EmulateMediaAsync(new() { Media = Media.Screen });
        var pad = engineer.Locator("[data-testid=signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await engineer.Mouse.MoveAsync(box.X + 30, box.Y + box.Height / 2);
        await engineer.Mouse.DownAsync();
        for (var step = 1; step <= 12; step++)
            await engineer.Mouse.MoveAsync(box.X + 30 + step * (box.Width - 60) / 12, box.Y + box.Height / 2 + (step % 2 == 0 ? -25 : 25));
        await engineer.Mouse.UpAsync();
        await engineer.ClickAsync("[data-action=sign]");

        await Expect(engineer.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "true");
        var order = await api.GetJsonAsync($"/api/orders/{number}");
        Assert.True(order.GetProperty("isSigned").GetBoolean());
        Assert.Equal("signature", order.GetProperty("slip").GetProperty("kind").GetString());
        Assert.Equal("image/png", order.GetProperty("slip").GetProperty("contentType").GetString());
        Assert.True(order.GetProperty("slip").GetProperty("size").GetInt64() > 100);
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await engineer.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Saving_an_empty_pad_asks_for_a_signature_and_attaches_nothing()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var api = await browser.Host.LoginAsync("agent");
        var customer = (await api.PostJsonAsync("/api/customers", new
        {
            name = "空签字客户" + Guid.NewGuid().ToString("N")[..6], category = "regular", contacts = new[] { new { name = "吴工", mobile = "13500000005" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var number = (await api.PostJsonAsync("/api/orders", new { type = "repair", customerId = customer },
            HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var engineer = await browser.SignInAsync("engineer", locale: "zh-CN");

        await engineer.GotoAsync($"{browser.BaseUrl}/orders/{number}/slip");
        await engineer.ClickAsync("[data-action=sign]");

        await Expect(engineer.Locator("[data-testid=signature-message]")).ToHaveTextAsync("请先在框内签字。");
        Assert.False((await api.GetJsonAsync($"/api/orders/{number}")).GetProperty("isSigned").GetBoolean());
        await engineer.Context.CloseAsync();
    }
}
