using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Auth;

/// <summary>
/// A page's script (fetch or XHR: it asks for JSON, or says <c>X-Requested-With: XMLHttpRequest</c>)
/// that is not signed in or not allowed gets a bare 401 or 403 it can act on, not a redirect it
/// would follow to the sign-in page's HTML. A browser navigating (asking for HTML) is still sent
/// to the sign-in or access-denied page.
/// </summary>
public sealed class ScriptRequestTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Theory]
    [InlineData("application/json", null)]
    [InlineData("*/*", "XMLHttpRequest")]
    public async Task A_script_that_is_not_signed_in_gets_401(string accept, string? requestedWith)
    {
        var response = await SendAsync(PageSession.Anonymous(service.Host), HttpMethod.Get, "/hotline/calls", accept, requestedWith);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_script_post_that_is_not_signed_in_gets_401()
    {
        var response = await SendAsync(PageSession.Anonymous(service.Host), HttpMethod.Post, "/designer/repair?handler=Validate",
            "application/json", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_script_asking_for_a_page_its_role_may_not_use_gets_403()
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        var response = await SendAsync(agent, HttpMethod.Post, "/designer/repair?handler=Validate", "application/json", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_browser_that_is_not_signed_in_is_sent_to_sign_in_and_brought_back()
    {
        var response = await SendAsync(PageSession.Anonymous(service.Host), HttpMethod.Get, "/inbox",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Finbox", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_browser_on_a_page_its_role_may_not_use_is_sent_to_the_access_denied_page()
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        PageSession.AssertDenied(await SendAsync(agent, HttpMethod.Get, "/designer", "text/html", null));
    }

    private static Task<HttpResponseMessage> SendAsync(PageSession session, HttpMethod method, string url, string accept,
        string? requestedWith)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(accept);
        if (requestedWith is not null) request.Headers.Add("X-Requested-With", requestedWith);
        // Sign-in and role are checked before the antiforgery token, so the post needs none to be refused.
        if (method == HttpMethod.Post) request.Content = new StringContent("<definitions/>", System.Text.Encoding.UTF8, "application/xml");
        return session.Http.SendAsync(request);
    }
}
