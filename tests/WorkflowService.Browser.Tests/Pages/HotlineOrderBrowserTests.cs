using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// A request taken on the hotline, end to end in a real browser: the PBX rings, an agent answers in the banner, logs the
/// call as a repair and is led to the new order with the caller found by their number; the order is dated from the
/// call, and the desk finds it by its number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HotlineOrderBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_agent_answers_a_call_logs_a_repair_opens_the_order_for_the_caller_found_by_number_and_the_desk_sees_it()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        var mobile = "139" + digits;
        var from = $"+86 139 {digits[..4]} {digits[4..]}";
        var api = await browser.Host.LoginAsync("agent");
        var customer = (await api.PostJsonAsync("/api/customers", new
        {
            name = "杭州西湖仪器有限公司", category = "regular", contacts = new[] { new { name = "马先生", mobile } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var agent = await browser.SignInAsync("agent");
        await agent.GotoAsync("/instances");
        await agent.WaitForSelectorAsync("body[data-live=connected]");
        var callId = Telephony.NewCallId();

        var pbx = new Telephony(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        await ApiClient.Expect(await pbx.RingAsync(callId, from), HttpStatusCode.Created);
        var call = $".ringing-call[data-call-id='{callId}']";
        await Expect(agent.Locator(call)).ToContainTextAsync(from);
        await agent.Locator($"{call} [data-action=answer]").ClickAsync();
        await agent.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        await agent.SelectOptionAsync("#field-requestType", "repair");
        await agent.ClickAsync("[data-testid=complete]");

        await agent.WaitForURLAsync(url => url.Contains("/orders/new", StringComparison.Ordinal));
        await Expect(agent.Locator("[data-testid=order-call]")).ToContainTextAsync(from);
        await Expect(agent.Locator("#q")).ToHaveValueAsync(mobile);
        await agent.ClickAsync($"[data-testid=choose-customer][data-customer-id='{customer}']");
        await Expect(agent.Locator("[data-type=repair]")).ToHaveClassAsync(new Regex("active"));
        await Expect(agent.Locator("[data-testid=order-call]")).ToHaveAttributeAsync("data-call-id", callId);
        await BrowserFixture.ScreenshotAsync(agent, "new-order-from-call");
        await agent.ClickAsync("[data-testid=open-order]");

        await agent.WaitForURLAsync(new Regex(@"/orders/WX-\d{8}-\d{3}$"));
        var number = await agent.GetAttributeAsync("[data-testid=order-number]", "data-number");
        Assert.Matches(@"^WX-\d{8}-\d{3}$", number);
        var order = (await api.GetJsonAsync($"/api/orders/{number}")).GetProperty("order");
        var admin = await browser.Host.LoginAsync("admin");
        var rang = (await admin.GetJsonAsync("/api/instances?definitionKey=hotline-call")).EnumerateArray()
            .Single(i => i.GetProperty("businessKey").GetString() == callId).GetProperty("startedAt").GetDateTimeOffset();
        Assert.Equal(rang, order.GetProperty("receivedAt").GetDateTimeOffset());

        var desk = await browser.SignInAsync("desk");
        await desk.GotoAsync("/orders");
        await desk.ClickAsync($"tr[data-order='{number}'] [data-testid=order-link]");
        await Expect(desk.Locator("[data-testid=order-customer]")).ToHaveTextAsync("杭州西湖仪器有限公司");
        await Expect(desk.Locator("[data-testid=order-number]")).ToHaveAttributeAsync("data-number", number!);
        await agent.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }
}
