using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// Sweeps every page and every form handler the web app has, found from its endpoints and page
/// models rather than listed by hand, so a page added later is checked without anyone
/// remembering to: no page opens without signing in, and no form post works without its
/// antiforgery token.
/// </summary>
public sealed partial class PageSecuritySweepTests(RealClockService service) : IClassFixture<RealClockService>
{
    /// <summary>Pages anyone may open: signing in, the refusal and error pages, the language switch.</summary>
    private static readonly string[] AnonymousPages = ["/login", "/denied", "/error", "/culture"];

    private List<(string Route, string ViewPath)> Pages() =>
        [.. service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()))
            .Where(p => p.Page is not null)
            .Select(p => ("/" + p.Endpoint.RoutePattern.RawText!.TrimStart('/'), p.Page!.RelativePath))
            .Distinct()];

    /// <summary>A concrete URL for a page route: a new GUID for guid parameters, a word otherwise.</summary>
    private static string Url(string route) => RouteParameter().Replace(route, m => m.Groups["constraint"].Value == "guid"
        ? Guid.NewGuid().ToString()
        : "repair");

    [Fact]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in()
    {
        var pages = Pages();
        Assert.True(pages.Count >= 12, $"only {pages.Count} pages found");
        var anonymous = PageSession.Anonymous(service.Host);

        var open = new List<string>();
        foreach (var (route, _) in pages.Where(p => !AnonymousPages.Contains(p.Route)))
        {
            var response = await anonymous.GetAsync(Url(route));
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/login", StringComparison.Ordinal))
                open.Add($"{route} → {(int)response.StatusCode} {location}");
        }

        Assert.Empty(open);
    }

    [Fact]
    public async Task Every_form_handler_refuses_a_post_without_its_antiforgery_token()
    {
        var handlers = await PostHandlersAsync();
        Assert.True(handlers.Count >= 15, $"only {handlers.Count} form handlers found");
        var admin = await PageSession.SignInAsync(service.Host, "admin");

        var accepted = new List<string>();
        foreach (var (route, handler) in handlers)
        {
            var url = Url(route) + (handler.Length == 0 ? "" : $"?handler={handler}");
            var response = await admin.PostFormAsync(url, new() { ["anything"] = "x" }, withToken: false);
            if (response.StatusCode != HttpStatusCode.BadRequest) accepted.Add($"{url} → {(int)response.StatusCode}");
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager");
        PageSession.AssertDenied(await manager.GetAsync("/hangfire"));

        var anonymous = await PageSession.Anonymous(service.Host).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);

        var admin = await PageSession.SignInAsync(service.Host, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }

    /// <summary>(route, handler) of every POST handler of every page, as Razor Pages compiled them.</summary>
    private async Task<List<(string Route, string Handler)>> PostHandlersAsync()
    {
        var loader = service.Host.Services.GetRequiredService<PageLoader>();
        var handlers = new List<(string, string)>();
        foreach (var endpoint in service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            handlers.AddRange(compiled.HandlerMethods
                .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                .Select(h => ("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), h.Name ?? "")));
        }
        return handlers;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\??\}")]
    private static partial Regex RouteParameter();

}
