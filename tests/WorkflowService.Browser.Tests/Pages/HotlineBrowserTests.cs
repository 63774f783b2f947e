using System.Net;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>The ringing banner in real browsers: every on-duty agent sees a call at once, the first to answer gets it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HotlineBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_ringing_call_shows_on_every_on_duty_agents_screen_and_the_first_to_answer_gets_it()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var agent = await OnDutyAsync("agent");
        var agent2 = await OnDutyAsync("agent2");
        var callId = Telephony.NewCallId();

        await RingAsync(callId, "+86 10 8888 0101");

        var call = $".ringing-call[data-call-id='{callId}']";
        await Expect(agent.Locator(call)).ToContainTextAsync("+86 10 8888 0101");
        await Expect(agent2.Locator(call)).ToContainTextAsync("+86 10 8888 0101");
        await BrowserFixture.ScreenshotAsync(agent2, "ringing-banner");

        await agent.Locator($"{call} [data-action=answer]").ClickAsync();

        await agent.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        await Expect(agent2.Locator(call)).ToHaveAttributeAsync("data-state", "taken");
        await Expect(agent2.Locator($"{call} [data-testid=ringing-status]")).ToHaveTextAsync("Taken by agent");
        await Expect(agent2.Locator($"{call} [data-action=answer]")).ToHaveCountAsync(0);
        await agent.Context.CloseAsync();
        await agent2.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_page_opened_mid_ring_shows_the_call_until_the_caller_hangs_up()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var callId = Telephony.NewCallId();
        await RingAsync(callId, "+86 21 6000 1234");

        var agent2 = await OnDutyAsync("agent2", locale: "zh-CN");
        var call = agent2.Locator($".ringing-call[data-call-id='{callId}']");
        await Expect(call).ToContainTextAsync("+86 21 6000 1234");
        await Expect(call.Locator("[data-action=answer]")).ToHaveTextAsync("接听");

        var ended = await Pbx().EndedAsync(callId);

        await ApiClient.Expect(ended, HttpStatusCode.OK);
        await Expect(call).ToHaveAttributeAsync("data-state", "missed");
        await Expect(call.Locator("[data-testid=ringing-status]")).ToHaveTextAsync("客户已挂断");
        await agent2.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_call_rung_from_the_phone_simulator_reaches_the_agents_and_is_listed_with_its_deadline()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var agent = await OnDutyAsync("agent");
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/phone");
        var callId = await admin.InputValueAsync("#CallId");

        await admin.FillAsync("#From", "+86 755 2666 0199");
        await admin.ClickAsync("[data-action=ring]");

        await Expect(admin.Locator("[data-testid=phone-outcome]")).ToHaveAttributeAsync("data-outcome", "started");
        var row = admin.Locator($"[data-testid=phone-calls] tr[data-call-id='{callId}']");
        await Expect(row).ToHaveAttributeAsync("data-state", "Ringing");
        await Expect(agent.Locator($".ringing-call[data-call-id='{callId}']")).ToContainTextAsync("+86 755 2666 0199");
        await BrowserFixture.ScreenshotAsync(admin, "phone-simulator");

        await row.Locator("button[formaction*=Ended]").ClickAsync();

        await Expect(admin.Locator($"[data-testid=phone-calls] tr[data-call-id='{callId}']")).ToHaveAttributeAsync("data-state", "Missed");
        await Expect(agent.Locator($".ringing-call[data-call-id='{callId}']")).ToHaveAttributeAsync("data-state", "missed");
        await agent.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    /// <summary>An agent with a page open and live updates connected.</summary>
    private async Task<IPage> OnDutyAsync(string user, string locale = "en-US")
    {
        var page = await browser.SignInAsync(user, locale: locale);
        await page.GotoAsync("/instances");
        await page.WaitForSelectorAsync("body[data-live=connected]");
        return page;
    }

    private Telephony Pbx() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    private async Task RingAsync(string callId, string from) =>
        await ApiClient.Expect(await Pbx().RingAsync(callId, from), HttpStatusCode.Created);
}
