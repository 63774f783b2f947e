using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// A browser without a browser: a cookie-carrying client signed in through the real /login form,
/// posting forms with the antiforgery token read from the page it got last. Redirects are not
/// followed, so tests see them.
/// </summary>
public sealed partial class PageSession(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>The last page received, HTML-decoded (Chinese text comes as character references).</summary>
    public string Html { get; private set; } = "";

    private string? _token;

    public static PageSession Anonymous(WorkflowHost host, string? language = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new PageSession(client);
    }

    public static async Task<PageSession> SignInAsync(WorkflowHost host, string user, string? language = null)
    {
        var session = Anonymous(host, language);
        await session.GetAsync("/login");
        var response = await session.PostFormAsync("/login", new()
        {
            ["UserName"] = user, ["Password"] = user == "admin" ? WorkflowHost.AdminPassword : WorkflowHost.DemoPassword,
        });
        await ApiClient.Expect(response, HttpStatusCode.Redirect);
        // The login form's token belongs to the anonymous visitor: take one issued to the user.
        await session.GetAsync("/denied");
        return session;
    }

    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        await ReadAsync(response);
        return response;
    }

    /// <summary>GETs a page that must answer 200 and returns its decoded HTML.</summary>
    public async Task<string> PageAsync(string url)
    {
        await ApiClient.Expect(await GetAsync(url), HttpStatusCode.OK);
        return Html;
    }

    /// <summary>GETs a page that must answer 200 and returns its HTML as sent (attributes still encoded).</summary>
    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Html = WebUtility.HtmlDecode(raw);
        if (TokenInput().Match(Html) is { Success: true } m) _token = m.Groups[1].Value;
        return raw;
    }

    /// <summary>Posts a file as a multipart form field, as the upload form does.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string url, string field, string fileName, byte[] content, bool withToken = true)
    {
        var form = new MultipartFormDataContent();
        if (withToken && _token is not null) form.Add(new StringContent(_token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), field, fileName);
        return Http.PostAsync(url, form);
    }

    /// <summary>Posts XML to a page handler the way the page script does: token in the RequestVerificationToken header.</summary>
    public Task<HttpResponseMessage> PostXmlAsync(string url, string xml, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
        if (withToken && _token is not null) request.Headers.Add("RequestVerificationToken", _token);
        return Http.SendAsync(request);
    }

    /// <summary>Posts a form with the antiforgery token (unless <paramref name="withToken"/> is false).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, bool withToken = true)
    {
        var body = new Dictionary<string, string>(fields);
        if (withToken) body["__RequestVerificationToken"] = Token();
        var response = await Http.PostAsync(url, new FormUrlEncodedContent(body));
        await ReadAsync(response);
        return response;
    }

    /// <summary>The antiforgery token of the last page that had one (an error page has none, but the token stays valid).</summary>
    public string Token() => _token ?? throw new Xunit.Sdk.XunitException("No page with an antiforgery token was loaded yet");

    private async Task ReadAsync(HttpResponseMessage response)
    {
        Html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        if (TokenInput().Match(Html) is { Success: true } m) _token = m.Groups[1].Value;
    }

    /// <summary>The opening tag of the element whose attribute <paramref name="attribute"/> is <paramref name="value"/>.</summary>
    public string Tag(string attribute, string value)
    {
        var match = Regex.Match(Html, $"<[a-z][a-z0-9]*[^>]*\\s{Regex.Escape(attribute)}=\"{Regex.Escape(value)}\"[^>]*>");
        return match.Success ? match.Value : throw new Xunit.Sdk.XunitException($"No element with {attribute}=\"{value}\" on the page");
    }

    /// <summary>The text inside the first element with <paramref name="attribute"/>=<paramref name="value"/> (no nested tags of the same name).</summary>
    public string Text(string attribute, string value)
    {
        var match = Regex.Match(Html, $"<([a-z][a-z0-9]*)[^>]*\\s{Regex.Escape(attribute)}=\"{Regex.Escape(value)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        if (!match.Success) throw new Xunit.Sdk.XunitException($"No element with {attribute}=\"{value}\" on the page");
        return Regex.Replace(Regex.Replace(match.Groups[2].Value, "<[^>]+>", " "), @"\s+", " ").Trim();
    }

    /// <summary>The value attribute of the input named <paramref name="name"/>.</summary>
    public string InputValue(string name) =>
        Regex.Match(Tag("name", name), "\\svalue=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>The value of the selected option of the select named <paramref name="name"/> ("" when none is).</summary>
    public string SelectedOption(string name)
    {
        var select = Regex.Match(Html, $"<select[^>]*\\sname=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        if (!select.Success) throw new Xunit.Sdk.XunitException($"No select named {name} on the page");
        var selected = Regex.Match(select.Groups[1].Value, "<option value=\"([^\"]*)\" selected=\"selected\"");
        return selected.Success ? selected.Groups[1].Value : "";
    }

    /// <summary>The response was a refusal: the redirect to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/denied", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [GeneratedRegex("<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
