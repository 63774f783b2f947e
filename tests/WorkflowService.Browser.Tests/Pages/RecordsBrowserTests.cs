using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The hotline's everyday path through the records in a real browser, in Chinese: a caller recognised by four digits
/// of their number, their file, a repair order for one of their devices, the number to tell them; the desk finds it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordsBrowserTests(BrowserFixture browser)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [SkippableFact]
    public async Task An_agent_finds_a_caller_by_four_digits_opens_a_repair_for_their_device_and_the_desk_finds_the_order()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var api = await browser.Host.LoginAsync("agent");
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        var customer = (await api.PostJsonAsync("/api/customers", new
        {
            name = "青岛海滨医疗设备有限公司", category = "key", contacts = new[] { new { name = "孔经理", phone = "0532-" + digits } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var serial = "QD" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        await api.PostJsonAsync($"/api/customers/{customer}/devices", new { model = "MR-7", serial, soldOn = today.AddMonths(-3), warrantyMonths = 12 },
            HttpStatusCode.Created);
        var agent = await browser.SignInAsync("agent", locale: "zh-CN");
        var problems = Watch(agent);

        await agent.ClickAsync("[data-nav=customers]");
        await agent.FillAsync("#q", digits[^4..]);
        await agent.ClickAsync("[data-testid=search]");
        await agent.ClickAsync($"tr[data-customer-id='{customer}'] [data-testid=customer-link]");
        await Expect(agent.Locator("[data-testid=customer-name]")).ToHaveTextAsync("青岛海滨医疗设备有限公司");
        await Expect(agent.Locator($"tr[data-serial='{serial}'] [data-testid=warranty]")).ToContainTextAsync("保内");
        await agent.ClickAsync("[data-testid=new-order]");
        await agent.WaitForURLAsync(url => url.Contains("/orders/new", StringComparison.Ordinal));
        await Expect(agent.Locator("[data-type=repair]")).ToHaveClassAsync(new Regex("active"));
        await agent.CheckAsync($"input[name=serials][value='{serial}']");
        await agent.ClickAsync("[data-testid=open-order]");

        await agent.WaitForURLAsync(new Regex(@"/orders/WX-\d{8}-\d{3}$"));
        var number = await agent.GetAttributeAsync("[data-testid=order-number]", "data-number");
        Assert.Matches(@"^WX-\d{8}-\d{3}$", number);
        await Expect(agent.Locator("[data-testid=order-number]")).ToHaveTextAsync($"服务单号: {number}");
        await Expect(agent.Locator("[data-testid=order-devices]")).ToContainTextAsync(serial);
        await BrowserFixture.ScreenshotAsync(agent, "order");

        var desk = await browser.SignInAsync("desk", locale: "zh-CN");
        await desk.ClickAsync("[data-nav=orders]");
        await desk.SelectOptionAsync("#type", "repair");
        await desk.ClickAsync("[data-testid=filter]");
        await desk.ClickAsync($"tr[data-order='{number}'] [data-testid=order-link]");
        await Expect(desk.Locator("[data-testid=order-customer]")).ToHaveTextAsync("青岛海滨医疗设备有限公司");
        Assert.True(problems.IsEmpty, string.Join(" | ", problems));
        await agent.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    /// <summary>What went wrong under the pages: a policy violation on the console, a request refused or failed.</summary>
    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) problems.Enqueue($"{page.Url}: {message.Text}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) problems.Enqueue($"{response.Status} {response.Url}");
        };
        return problems;
    }
}
