using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The service's Content-Security-Policy (SecurityHeaders) in a real browser: the pages it serves run
/// under it without a single violation (bpmn-js, SignalR, the language switch's inline handler, the API
/// reference's inline script), and another site cannot frame a signed-in page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    /// <summary>Every violation any watched page reported, by event or on the console.</summary>
    private readonly ConcurrentQueue<string> _violations = new();

    [SkippableFact]
    public async Task The_designer_the_live_inbox_and_the_other_pages_run_without_a_policy_violation()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var instance = await browser.Host.StartAsync("complaint", "C-csp-" + Guid.NewGuid().ToString("N")[..6]);
        var task = await browser.Host.OpenTaskAsync(instance, "recordComplaint");

        var owner = await SignInWatchedAsync("owner");
        var designer = await owner.GotoAsync("/designer/repair");
        await owner.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        await owner.GotoAsync("/api-docs");
        await Expect(owner.Locator("#ops .op").First).ToBeVisibleAsync();

        var agent = await SignInWatchedAsync("agent");
        await agent.GotoAsync("/inbox");
        await agent.Locator("body[data-live=connected]").WaitForAsync();
        await agent.GotoAsync($"/tasks/{task}");
        await agent.Locator("[data-testid=complete]").WaitForAsync();
        await agent.SelectOptionAsync("select[name=culture]", "zh-CN");
        await Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        var manager = await SignInWatchedAsync("manager");
        await manager.GotoAsync($"/instances/{instance}");
        await Expect(manager.Locator("#instance-diagram")).ToHaveAttributeAsync("data-ready", "true");
        // Let late reports (a refused WebSocket, a font) arrive before counting.
        await agent.WaitForTimeoutAsync(500);

        Assert.Empty(_violations);
        Assert.Contains("frame-ancestors 'self'", await designer!.HeaderValueAsync("content-security-policy"));
        foreach (var page in new[] { owner, agent, manager }) await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_signed_in_task_form_opens_in_a_frame_of_the_service_but_not_of_another_site()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var instance = await browser.Host.StartAsync("complaint", "C-frame-" + Guid.NewGuid().ToString("N")[..6]);
        var task = $"{browser.BaseUrl}/tasks/{await browser.Host.OpenTaskAsync(instance, "recordComplaint")}";
        var agent = await browser.SignInAsync("agent");
        var framing = $"<!doctype html><body><iframe id=framed width=1000 height=700 src=\"{task}\" onload=\"document.body.dataset.framed = 'loaded'\"></iframe></body>";
        // The service's own framing page is made up by the browser at the service's address. The other is
        // served at another port of the same host (a page the browser made up would count as a public one,
        // which Chromium's local network checks forbid to frame a local address anyway). It is the same
        // site, so the session cookies go along (SameSite stops no one there), and the session already has
        // its antiforgery cookie, so the page gets no X-Frame-Options from the token: only the service's own
        // headers refuse the frame.
        var own = browser.BaseUrl + "/frame-test";
        await agent.Context.RouteAsync(own, route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = framing }));
        using var elsewhere = FramingPage.Serve(new Uri(browser.BaseUrl).Host, framing);

        await agent.GotoAsync(own);
        await Expect(agent.FrameLocator("#framed").Locator("[data-testid=complete]")).ToBeVisibleAsync();
        await agent.GotoAsync(elsewhere.Url);
        await agent.Locator("body[data-framed=loaded]").WaitForAsync();

        // Not the task form, nor any page of the service (the sign-in page, had the cookies stayed behind).
        Assert.Equal(0, await agent.FrameLocator("#framed").Locator("body[data-culture]").CountAsync());
        await agent.Context.CloseAsync();
    }

    /// <summary>A fresh browser session signed in as <paramref name="user"/>, every page of which reports violations.</summary>
    private async Task<IPage> SignInWatchedAsync(string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        await context.ExposeFunctionAsync("reportPolicyViolation", (string violation) => _violations.Enqueue($"{user}: {violation}"));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              window.reportPolicyViolation(`${location.pathname}: ${e.effectiveDirective} refused ${e.blockedURI || 'inline'}`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _violations.Enqueue($"{user}: {message.Text}");
        };
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", WorkflowHost.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>One page, the same for every request, served on a free port of <c>host</c> until disposed.</summary>
    private sealed class FramingPage : IDisposable
    {
        private readonly HttpListener _listener = new();

        private FramingPage(string host, string html)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://{host}:{port}/frame";
            _listener.Prefixes.Add($"http://{host}:{port}/");
            _listener.Start();
            _ = AnswerAsync(Encoding.UTF8.GetBytes(html));
        }

        public string Url { get; }

        public static FramingPage Serve(string host, string html) => new(host, html);

        private async Task AnswerAsync(byte[] html)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(html);
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
