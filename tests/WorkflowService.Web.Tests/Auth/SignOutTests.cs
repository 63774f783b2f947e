using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Auth;

/// <summary>
/// Signing out ends the session on the server: a page cookie copied before sign-out (from a shared
/// desk PC, a proxy log) opens no page afterwards, while a fresh sign-in works as before.
/// </summary>
public sealed class SignOutTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task A_page_cookie_copied_before_sign_out_no_longer_opens_a_page_after_it()
    {
        var user = $"out-{Guid.NewGuid():N}"[..12];
        await service.Host.CreateUserAsync(user, Roles.Agent);
        var cookies = new CookieContainer();
        var session = await SignInAsync(user, cookies);
        var copied = cookies.GetCookies(service.Host.Server.BaseAddress)["ws.auth"]?.Value;
        Assert.False(string.IsNullOrEmpty(copied), "the sign-in set the ws.auth cookie");
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync("/inbox", copied)).StatusCode);

        await session.GetAsync("/logout");
        var signedOut = await session.PostFormAsync("/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replayed = await WithCookieAsync("/inbox", copied);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/login", replayed.Headers.Location is { IsAbsoluteUri: true } location ? location.AbsolutePath : null);

        var again = await SignInAsync(user, new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/inbox")).StatusCode);
    }

    /// <summary>Signs in through the real form with a cookie jar the test can read.</summary>
    private async Task<PageSession> SignInAsync(string user, CookieContainer cookies)
    {
        var session = new PageSession(service.Host.CreateDefaultClient(new CookieContainerHandler(cookies)));
        await session.GetAsync("/login");
        var response = await session.PostFormAsync("/login", new() { ["UserName"] = user, ["Password"] = WorkflowHost.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await session.GetAsync("/denied");
        return session;
    }

    /// <summary>A request from another client that carries only the given page cookie.</summary>
    private Task<HttpResponseMessage> WithCookieAsync(string path, string? cookie)
    {
        var client = service.Host.CreateDefaultClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"ws.auth={cookie}");
        request.Headers.Accept.ParseAdd("text/html");
        return client.SendAsync(request);
    }
}
