using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// Every response says nosniff and may be framed by the service's own pages only (CSP frame-ancestors
/// 'self', X-Frame-Options SAMEORIGIN for older browsers): pages, the sign-in page, redirects, error
/// pages, API answers and problems, static bundles. A header an endpoint set itself is kept.
/// </summary>
public sealed class SecurityHeaderTests(SecurityHeaderTests.Service service) : IClassFixture<SecurityHeaderTests.Service>
{
    [Theory]
    [InlineData("/inbox", "agent", HttpStatusCode.OK)]
    [InlineData("/login", null, HttpStatusCode.OK)] // sets the antiforgery cookie, and X-Frame-Options with it
    [InlineData("/inbox", null, HttpStatusCode.Redirect)]
    [InlineData("/no-such-page", "agent", HttpStatusCode.NotFound)]
    [InlineData(InjectedFailure.PagePath, "agent", HttpStatusCode.InternalServerError)]
    [InlineData("/api-docs", "agent", HttpStatusCode.OK)]
    [InlineData("/hangfire", "admin", HttpStatusCode.OK)]
    public async Task Every_kind_of_page_answer_carries_the_headers(string url, string? user, HttpStatusCode status)
    {
        var session = user is null ? PageSession.Anonymous(service.Host) : await PageSession.SignInAsync(service.Host, user);

        var response = await session.GetAsync(url == InjectedFailure.PagePath ? InjectedFailure.UniquePath(url) : url);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/api/definitions", true, HttpStatusCode.OK, "application/json")]
    [InlineData("/api/instances/6f1d0c55-3f3e-4b53-9d55-2d6f3b1b7a10", true, HttpStatusCode.NotFound, "application/problem+json")]
    [InlineData("/api/no-such-route", true, HttpStatusCode.NotFound, "application/problem+json")]
    [InlineData("/api/tasks", false, HttpStatusCode.Unauthorized, "application/problem+json")]
    [InlineData(InjectedFailure.ApiPath, true, HttpStatusCode.InternalServerError, "application/problem+json")]
    [InlineData("/healthz", false, HttpStatusCode.OK, "text/plain")]
    [InlineData("/healthz/live", false, HttpStatusCode.OK, "text/plain")]
    [InlineData("/healthz/ready", false, HttpStatusCode.OK, "text/plain")]
    public async Task Every_kind_of_API_answer_carries_the_headers(string url, bool signedIn, HttpStatusCode status, string mediaType)
    {
        var http = signedIn ? (await service.As("agent")).Http : service.Host.CreateClient();

        var response = await http.GetAsync(url == InjectedFailure.ApiPath ? InjectedFailure.UniquePath(url) : url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_static_bundle_carries_the_headers_compressed_and_when_revalidated()
    {
        var http = service.Host.CreateClient();
        using var first = new HttpRequestMessage(HttpMethod.Get, "/dist/app.js");
        first.Headers.AcceptEncoding.ParseAdd("br");

        var sent = await http.SendAsync(first);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dist/app.js");
        again.Headers.IfNoneMatch.Add(sent.Headers.ETag ?? throw new Xunit.Sdk.XunitException("The bundle has no ETag"));
        var revalidated = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("br", sent.Content.Headers.ContentEncoding.SingleOrDefault());
        AssertSecurityHeaders(sent);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        AssertSecurityHeaders(revalidated);
    }

    [Fact]
    public async Task A_header_an_endpoint_set_itself_is_kept()
    {
        // Signed in: behind the pipeline, a request no endpoint took is under the fallback policy.
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        var response = await agent.GetAsync(OwnHeaders.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OwnHeaders.Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public void The_policy_lets_no_plugin_run_and_no_form_or_base_address_lead_elsewhere()
    {
        var directives = Directives(SecurityHeaders.ContentSecurityPolicy);

        Assert.Equal("'self'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'self'", directives["connect-src"]);
        // No script-src that would allow inline scripts: better none than one that protects nothing.
        Assert.DoesNotContain(directives.Values, v => v.Contains("'unsafe-eval'", StringComparison.Ordinal));
        Assert.False(directives.ContainsKey("script-src") && directives["script-src"].Contains("'unsafe-inline'", StringComparison.Ordinal));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var headers = response.Headers;
        Assert.Equal("nosniff", Assert.Single(Values(headers, "X-Content-Type-Options")));
        // Once, even where the antiforgery token has set it too.
        Assert.Equal("SAMEORIGIN", Assert.Single(Values(headers, "X-Frame-Options")));
        var policy = Assert.Single(Values(headers, "Content-Security-Policy"));
        Assert.Equal("'self'", Directives(policy)["frame-ancestors"]);
    }

    private static IEnumerable<string> Values(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values : throw new Xunit.Sdk.XunitException($"No {name} header");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    /// <summary>The service with <see cref="InjectedFailure"/> and <see cref="OwnHeaders"/> behind its pipeline.</summary>
    public sealed class Service : HostFixture
    {
        protected override Task<HostSettings> SettingsAsync() => Task.FromResult(new HostSettings
        {
            Services = s =>
            {
                s.AddTransient<IStartupFilter, InjectedFailure>();
                s.AddTransient<IStartupFilter, OwnHeaders>();
            },
        });
    }

    /// <summary>An endpoint with a stricter policy of its own, as a sandboxed download might have.</summary>
    public sealed class OwnHeaders : IStartupFilter
    {
        public const string Path = "/test/own-headers";
        public const string Policy = "sandbox; default-src 'none'";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, rest) =>
            {
                if (http.Request.Path != Path) return rest(http);
                http.Response.Headers.ContentSecurityPolicy = Policy;
                http.Response.Headers.XFrameOptions = "DENY";
                return http.Response.WriteAsync("own headers");
            });
        };
    }
}
