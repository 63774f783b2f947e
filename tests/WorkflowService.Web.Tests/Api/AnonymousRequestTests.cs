using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Every API route answers 401 to a request without a bearer token (never a login redirect,
/// never data). The routes come from the host's endpoint data source, so a route added later is
/// checked without anyone listing it here.
/// </summary>
public sealed partial class AnonymousRequestTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    /// <summary>
    /// Routes that take no bearer token: signing in, and the PBX webhook, which authenticates with
    /// its shared secret instead (so it must still answer 401 to a request without one).
    /// </summary>
    private static readonly string[] Anonymous = ["POST /api/auth/token", "POST /api/telephony/events"];

    private const string SignIn = "POST /api/auth/token";

    private List<(string Method, string Pattern, bool AllowsAnonymous)> ApiRoutes() =>
        [.. service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
                (method, e.RoutePattern.RawText!, e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))];

    /// <summary>A concrete URL for a route pattern: a new GUID for guid parameters, 1 for int ones, a word otherwise.</summary>
    private static string Url(string pattern) => RouteParameter().Replace(pattern, m => m.Groups["constraint"].Value switch
    {
        "guid" => Guid.NewGuid().ToString(),
        "int" => "1",
        _ => "anything",
    });

    [Fact]
    public async Task Every_api_route_refuses_a_request_without_a_token_with_401()
    {
        var all = ApiRoutes();
        Assert.Equal(Anonymous, all.Where(r => r.AllowsAnonymous).Select(r => $"{r.Method} {r.Pattern}"));
        var routes = all.Where(r => $"{r.Method} {r.Pattern}" != SignIn).Select(r => (r.Method, r.Pattern)).ToList();
        Assert.Contains(("POST", "/api/definitions/"), routes);
        Assert.Contains(("POST", "/api/tasks/{id:guid}/complete"), routes);
        Assert.True(routes.Count >= 20, $"only {routes.Count} API routes found");
        var anonymous = service.Host.CreateClient(new() { AllowAutoRedirect = false });

        var answers = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Url(pattern));
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized) answers.Add($"{method} {pattern} → {(int)response.StatusCode}");
        }

        Assert.Empty(answers);
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_refused_like_no_token()
    {
        var client = service.Host.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8-not-a-real-token");

        await ApiClient.Expect(await client.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\??\}")]
    private static partial Regex RouteParameter();
}
