using System.Net;
using System.Text;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Every error of the API is <c>application/problem+json</c> saying what was wrong: a query value
/// that does not bind, a body that is not JSON, a route that does not exist, and a bug (a bare 500
/// that shows nothing of the exception, which goes to the log with the request that failed).
/// Never an empty body, an HTML error page or a stack trace.
/// </summary>
public sealed class ApiProblemDetailsTests(FaultyService service) : IClassFixture<FaultyService>
{
    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_a_400_naming_the_parameter()
    {
        var agent = await service.As("agent");

        var response = await agent.GetAsync("/api/tasks?skip=abc");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("skip", problem.GetProperty("detail").GetString());
        Assert.Contains("abc", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400()
    {
        var agent = await service.As("agent");

        var response = await agent.Http.PostAsync($"/api/tasks/{Guid.NewGuid()}/complete",
            new StringContent("""{"variables": {"approved": tru""", Encoding.UTF8, "application/json"));

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400_before_signing_in_too()
    {
        var anonymous = service.Host.CreateClient();

        var response = await anonymous.PostAsync("/api/auth/token",
            new StringContent("""{"userName": "agent", """, Encoding.UTF8, "application/json"));

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var agent = await service.As("agent");

        var response = await agent.Http.PostAsync($"/api/tasks/{Guid.NewGuid()}/complete",
            new StringContent("approved=true", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_sign_in_body_that_is_not_json_is_a_415_and_one_that_is_malformed_a_400_naming_the_fields()
    {
        var client = service.Host.CreateClient();

        var form = await client.PostAsync("/api/auth/token",
            new StringContent("userName=agent&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var malformed = await client.PostAsync("/api/auth/token", new StringContent("{\"userName\": ", Encoding.UTF8, "application/json"));

        await ApiClient.ExpectProblemAsync(form, HttpStatusCode.UnsupportedMediaType);
        var problem = await ApiClient.ExpectProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Contains("{\"userName\", \"password\"}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404()
    {
        var agent = await service.As("agent");

        await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refusal_of_the_runtime_keeps_its_own_status()
    {
        var agent = await service.As("agent");

        var response = await agent.GetAsync($"/api/tasks/{Guid.NewGuid()}");

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bug_is_a_500_that_shows_nothing_of_the_exception_and_is_logged_with_the_request()
    {
        var agent = await service.As("agent");
        var path = InjectedFailure.UniquePath(InjectedFailure.ApiPath);

        var response = await agent.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("Injected failure", body);
        Assert.DoesNotContain("not-for-callers", body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.True(problem.TryGetProperty("traceId", out _), "no traceId to quote: " + body);
        var logged = Assert.Single(service.Logs.Entries, e => e.Exception?.Message == InjectedFailure.Message(path));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Contains($"GET {path}", logged.Message);
    }
}
