using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// A browser without a browser: a cookie-signed-in user of the Razor Pages, redirects not
/// followed (so a refusal shows as the redirect to /denied), form posts with or without the
/// antiforgery token the pages render.
/// </summary>
public sealed partial class PageSession(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static async Task<PageSession> SignInAsync(WorkflowHost host, string user)
    {
        var session = new PageSession(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var token = await session.TokenAsync("/login");
        var response = await session.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = user == "admin" ? WorkflowHost.AdminPassword : WorkflowHost.DemoPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("login") == true)
            throw new Xunit.Sdk.XunitException($"{user} could not sign in: {(int)response.StatusCode}");
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await Http.GetAsync(url);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The antiforgery token a page renders for this user.</summary>
    public async Task<string> TokenAsync(string url = "/instances")
    {
        var html = await GetHtmlAsync(url);
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new Xunit.Sdk.XunitException($"{url} renders no antiforgery token");
    }

    /// <summary>Posts a form as a page would (<paramref name="withToken"/>) or as a forged cross-site form would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string>? fields = null, bool withToken = true)
    {
        fields = new Dictionary<string, string>(fields ?? []);
        if (withToken) fields["__RequestVerificationToken"] = await TokenAsync();
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The response was a refusal: the redirect to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/denied", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
