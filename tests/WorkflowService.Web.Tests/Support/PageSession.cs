using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// A browser-like session on the pages: signs in through the real /login form (cookies kept,
/// redirects not followed, so a refusal is seen as the redirect it is) and carries the
/// antiforgery token a page rendered into its form posts and handler calls.
/// </summary>
public sealed partial class PageSession(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>The token of the last page read with <see cref="GetPageAsync"/>.</summary>
    public string? Token { get; private set; }

    public static async Task<PageSession> SignInAsync(WorkflowHost host, string user)
    {
        var session = new PageSession(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await session.GetPageAsync("/login");
        var password = user == "admin" ? WorkflowHost.AdminPassword : WorkflowHost.DemoPassword;
        var response = await session.PostFormAsync("/login", new() { ["UserName"] = user, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new Xunit.Sdk.XunitException($"Signing in as {user} answered {(int)response.StatusCode}, not a redirect");
        return session;
    }

    /// <summary>GETs a page that must answer 200 and remembers its antiforgery token.</summary>
    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html);
        if (token.Success) Token = WebUtility.HtmlDecode(token.Groups["value"].Value);
        return html;
    }

    /// <summary>Posts a form with the current token (unless <paramref name="withToken"/> is false).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken && Token is not null) fields["__RequestVerificationToken"] = Token;
        return Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a file as a multipart form field, as the upload form does.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string url, string field, string fileName, byte[] content, bool withToken = true)
    {
        var form = new MultipartFormDataContent();
        if (withToken && Token is not null) form.Add(new StringContent(Token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), field, fileName);
        return Http.PostAsync(url, form);
    }

    /// <summary>Posts XML to a page handler the way the page script does: token in the RequestVerificationToken header.</summary>
    public Task<HttpResponseMessage> PostXmlAsync(string url, string xml, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        if (withToken && Token is not null) request.Headers.Add("RequestVerificationToken", Token);
        return Http.SendAsync(request);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenInput();
}
