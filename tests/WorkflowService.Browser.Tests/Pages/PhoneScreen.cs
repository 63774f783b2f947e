using System.Collections.Concurrent;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// An engineer's phone: 390×844 CSS pixels at 3× (an iPhone 13/14), with touch and the mobile viewport, so that the
/// layout's viewport meta decides the page's width as on a real phone. And what every page must pass there: no
/// sideways scrolling of the page, and what a finger taps at least 40 px tall and inside the screen.
/// </summary>
internal static class PhoneScreen
{
    public const int Width = 390;
    public const int Height = 844;
    public const double MinTapHeight = 40;

    /// <summary>A fresh phone session (own cookies) signed in as <paramref name="user"/>; the tests tap, not click.</summary>
    public static async Task<IPage> SignInOnPhoneAsync(this BrowserFixture browser, string user, string locale = "zh-CN")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = Width, Height = Height },
            DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", user == "admin" ? WorkflowHost.AdminPassword : WorkflowHost.DemoPassword);
        // The phone's Go key: signing in is not what these tests are about, and a tap on a page still loading in a
        // busy test run can last long enough to be a long press, which clicks nothing.
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return page;
    }

    /// <summary>Script errors and content security policy refusals of the page, for the test's last assertion.</summary>
    public static ConcurrentQueue<string> Problems(IPage page)
    {
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue($"{page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                problems.Enqueue($"{page.Url}: {message.Text}");
        };
        return problems;
    }

    /// <summary>
    /// The page is laid out at the phone's width and nothing makes it wider than the screen. (A mobile browser lays out
    /// 980 px without the viewport meta, and widens the layout to whatever overflows it: either shows in innerWidth.)
    /// </summary>
    public static async Task AssertFitsTheWidthAsync(IPage page)
    {
        var innerWidth = await page.EvaluateAsync<int>("() => window.innerWidth");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>($$"""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > {{Width}} + 0.5 && !e.closest('.table-responsive'))
              .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''))
              .slice(0, 5).join(', ')
            """);
        Assert.True(innerWidth == Width && scrollWidth <= Width,
            $"{page.Url} is laid out {innerWidth} px wide and scrolls {scrollWidth} px, on a {Width} px screen (too wide: {widest})");
    }

    /// <summary>A main action: visible, at least 40 px tall and wholly inside the screen's width.</summary>
    public static async Task AssertTappableAsync(ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        var box = await target.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"{target} has no box");
        Assert.True(box.Height >= MinTapHeight, $"{target} is {box.Height} px tall; a finger needs {MinTapHeight} px");
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{target} reaches outside the screen ({box.X} + {box.Width} px)");
    }
}
