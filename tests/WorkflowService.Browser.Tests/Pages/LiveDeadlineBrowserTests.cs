using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// Deadlines that move by themselves: the ringing banner counts the rings down to the three-rings deadline, and the
/// inbox's SLA badge turns overdue when the due time passes, both from the page's own clock, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveDeadlineBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Late = new() { Timeout = 25_000 };
    private static readonly LocatorAssertionsToHaveTextOptions LateText = new() { Timeout = 25_000 };

    [SkippableFact]
    public async Task The_banner_counts_the_rings_and_the_inbox_badge_turns_overdue_when_the_three_rings_pass_without_a_reload()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var agent = await browser.SignInAsync("agent");
        await agent.GotoAsync("/inbox");
        await agent.WaitForSelectorAsync("body[data-live=connected]");
        // A reload or a list refresh would lose these marks.
        await agent.EvaluateAsync("() => { window.notReloaded = true; }");
        var callId = Telephony.NewCallId();

        var pbx = new Telephony(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        await ApiClient.Expect(await pbx.RingAsync(callId, "+86 10 6500 7788"), HttpStatusCode.Created);

        var banner = agent.Locator($".ringing-call[data-call-id='{callId}']");
        await Expect(banner.Locator("[data-testid=ring-count]")).ToHaveTextAsync(RingCountdown());
        var row = agent.Locator($"tr[data-business-key='{callId}']");
        await Expect(row).ToHaveAttributeAsync("data-sla", "due-soon");
        var badge = row.Locator(".sla-badge");
        await badge.EvaluateAsync("b => b.dataset.marked = 'yes'");
        await Expect(row.Locator("[data-testid=sla-left]")).ToHaveTextAsync(Countdown());

        await Expect(banner.Locator("[data-testid=ring-count]")).ToHaveTextAsync(RingsPassed(), LateText);
        await Expect(row).ToHaveAttributeAsync("data-sla", "overdue", Late);

        await Expect(badge).ToHaveAttributeAsync("data-marked", "yes");
        await Expect(badge).ToHaveAttributeAsync("data-sla", "overdue");
        await Expect(badge).ToHaveTextAsync("Overdue");
        await Expect(badge).ToHaveClassAsync(new Regex("sla-overdue"));
        await Expect(row.Locator("[data-testid=sla-left]")).ToHaveTextAsync("");
        Assert.True(await agent.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await agent.Context.CloseAsync();
    }

    [GeneratedRegex(@"^Ring [1-3] · 0:1?\d left$")]
    private static partial Regex RingCountdown();

    [GeneratedRegex(@"^\d:\d\d$")]
    private static partial Regex Countdown();

    [GeneratedRegex(@"^Ring [4-9] · three rings passed$")]
    private static partial Regex RingsPassed();
}
