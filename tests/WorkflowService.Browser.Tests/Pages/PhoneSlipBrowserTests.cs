using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The engineer at the customer's site with a phone (390×844): the order page, the customer signing the repair slip
/// with a finger on the pad, and a photo of the paper slip taken through the camera input.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneSlipBrowserTests(BrowserFixture browser)
{
    /// <summary>A real 1×1 PNG, as small as a photo can be.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task On_a_phone_the_order_page_fits_the_screen_and_its_slip_link_opens_the_slip()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var (_, number) = await NewOrderAsync("手机服务单客户");
        var page = await browser.SignInOnPhoneAsync("engineer");
        var problems = PhoneScreen.Problems(page);

        await page.GotoAsync($"/orders/{number}");

        await Expect(page.Locator("[data-testid=order-number]")).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        // The wide tables scroll inside their own box, which stays within the screen.
        foreach (var table in new[] { "order-devices", "timeline" })
        {
            var box = (await page.Locator($".table-responsive:has([data-testid={table}])").BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneScreen.Width, $"{table}'s box reaches {box.X + box.Width} px");
        }
        var slip = page.Locator("[data-testid=slip-link]");
        await PhoneScreen.AssertTappableAsync(slip);
        await PhoneScreen.AssertTappableAsync(page.Locator("[data-testid=menu-button]"));
        await BrowserFixture.ScreenshotAsync(page, "phone-order");

        await slip.TapAsync();

        await page.WaitForURLAsync(url => url.EndsWith($"/orders/{number}/slip", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "false");
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_the_customer_signs_the_slip_with_a_finger_and_the_order_reads_signed()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var (api, number) = await NewOrderAsync("手机签字客户");
        var page = await browser.SignInOnPhoneAsync("engineer");
        var problems = PhoneScreen.Problems(page);

        await page.GotoAsync($"/orders/{number}/slip");

        await Expect(page.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "false");
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        var pad = page.Locator("[data-testid=signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneScreen.Width, $"the pad reaches {box.X + box.Width} px");
        Assert.True(box.Width >= PhoneScreen.Width * 0.8, $"the pad is only {box.Width} px wide");
        var sign = page.Locator("[data-action=sign]");
        await PhoneScreen.AssertTappableAsync(sign);
        await PhoneScreen.AssertTappableAsync(page.Locator("[data-action=clear]"));

        // Two strokes of a finger across the whole pad: touch events, as a phone sends them, 20 ms apart, and the finger
        // rests before it lifts (a finger still moving when lifted flings, and Chrome then swallows the next tap).
        var touch = await page.Context.NewCDPSessionAsync(page);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeMilliseconds() / 1000.0;
        foreach (var baseline in new[] { 0.4, 0.65 })
        {
            var (x, y) = (box.X + 15, box.Y + box.Height * baseline);
            await TouchAsync(touch, "touchStart", x, y, at += 0.02);
            for (var step = 1; step <= 16; step++)
            {
                (x, y) = (box.X + 15 + step * (box.Width - 30) / 16, box.Y + box.Height * baseline + (step % 2 == 0 ? -20 : 20));
                await TouchAsync(touch, "touchMove", x, y, at += 0.02);
            }
            await TouchAsync(touch, "touchMove", x, y, at += 0.2);
            await TouchAsync(touch, "touchEnd", x, y, at += 0.02);
        }
        await BrowserFixture.ScreenshotAsync(page, "phone-slip-signature");
        await sign.TapAsync();

        await Expect(page.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "true");
        var order = await api.GetJsonAsync($"/api/orders/{number}");
        Assert.True(order.GetProperty("isSigned").GetBoolean());
        Assert.Equal("signature", order.GetProperty("slip").GetProperty("kind").GetString());
        Assert.Equal("image/png", order.GetProperty("slip").GetProperty("contentType").GetString());
        // The stored PNG is the whole pad at the phone's pixel ratio, with the ink running across it, not cut or squeezed.
        var ink = await page.EvaluateAsync<JsonElement>("""
            async url => {
              const image = await createImageBitmap(await (await fetch(url)).blob());
              const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = context.getImageData(0, 0, image.width, image.height).data;
              let left = image.width, right = -1;
              for (let i = 0; i < pixels.length; i += 4)
                if (pixels[i] < 128) { const x = (i / 4) % image.width; left = Math.min(left, x); right = Math.max(right, x); }
              return { width: image.width, height: image.height, left, right };
            }
            """, $"/orders/{number}/slip?handler=File");
        Assert.Equal(Math.Round(box.Width * 3), ink.GetProperty("width").GetDouble(), 3.0);
        Assert.Equal(Math.Round(box.Height * 3), ink.GetProperty("height").GetDouble(), 3.0);
        var spread = ink.GetProperty("right").GetDouble() - ink.GetProperty("left").GetDouble();
        Assert.True(spread > ink.GetProperty("width").GetDouble() * 0.8, $"the ink spans {spread} of {ink.GetProperty("width")} px");
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_a_photo_of_the_slip_is_taken_through_the_camera_input_and_stored()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var (api, number) = await NewOrderAsync("手机拍照客户");
        var page = await browser.SignInOnPhoneAsync("engineer");
        var problems = PhoneScreen.Problems(page);

        await page.GotoAsync($"/orders/{number}/slip");

        await PhoneScreen.AssertFitsTheWidthAsync(page);
        var camera = page.Locator("[data-testid=slip-camera]");
        await Expect(camera).ToHaveAttributeAsync("capture", "environment");
        await Expect(camera).ToHaveAttributeAsync("accept", "image/*");
        await PhoneScreen.AssertTappableAsync(camera);
        var attach = page.Locator("[data-action=attach-photo]");
        await PhoneScreen.AssertTappableAsync(attach);

        await camera.SetInputFilesAsync(new FilePayload { Name = "slip.png", MimeType = "image/png", Buffer = Png });
        await attach.TapAsync();

        await Expect(page.Locator("[data-testid=slip-state]")).ToHaveAttributeAsync("data-signed", "true");
        await PhoneScreen.AssertFitsTheWidthAsync(page);
        var slip = (await api.GetJsonAsync($"/api/orders/{number}")).GetProperty("slip");
        Assert.Equal("photo", slip.GetProperty("kind").GetString());
        Assert.Equal("image/png", slip.GetProperty("contentType").GetString());
        Assert.Equal(Png.Length, slip.GetProperty("size").GetInt64());
        var stored = await page.APIRequest.GetAsync($"/orders/{number}/slip?handler=File");
        Assert.Equal(Png, await stored.BodyAsync());
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await page.Context.CloseAsync();
    }

    private async Task<(WorkflowService.Web.Tests.Support.ApiClient Api, string Number)> NewOrderAsync(string customerName)
    {
        var api = await browser.Host.LoginAsync("agent");
        var customer = (await api.PostJsonAsync("/api/customers", new
        {
            name = customerName + Guid.NewGuid().ToString("N")[..6], category = "regular", contacts = new[] { new { name = "周工", mobile = "13500000006" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var serial = "PH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await api.PostJsonAsync($"/api/customers/{customer}/devices", new { model = "MR-7", serial, soldOn = "2026-01-01", warrantyMonths = 24 },
            HttpStatusCode.Created);
        var number = (await api.PostJsonAsync("/api/orders", new { type = "repair", customerId = customer, serials = new[] { serial } },
            HttpStatusCode.Created)).GetProperty("number").GetString()!;
        return (api, number);
    }

    /// <summary>One touch event through the DevTools protocol (Playwright taps, but has no touch moves); a touchEnd names no point.</summary>
    private static async Task TouchAsync(ICDPSession session, string type, double x, double y, double timestamp) =>
        await session.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
            ["timestamp"] = timestamp,
        });
}
