using System.Net;
using System.Text;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Every 400 of the API has one shape, whoever refuses: a handler checking its input, the runtime
/// refusing a value, or the framework failing to read a query value or body. Title "Invalid
/// request", a detail, and an <c>errors</c> list naming the field of each refused value.
/// </summary>
public sealed class InvalidRequestTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_missing_field_checked_by_the_handler_is_named()
    {
        var agent = await service.As("agent");

        var problem = await InvalidAsync(await agent.PostAsync("/api/instances", new { businessKey = "no process named" }));

        Assert.Equal("definitionKey is required", problem.GetProperty("detail").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("definitionKey", error.GetProperty("field").GetString());
        Assert.Equal("required", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_value_refused_by_the_runtime_is_named()
    {
        var agent = await service.As("agent");

        var problem = await InvalidAsync(await agent.GetAsync("/api/instances?status=Sleeping"));

        Assert.Equal("status", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_query_value_the_framework_cannot_bind_is_named()
    {
        var agent = await service.As("agent");

        var problem = await InvalidAsync(await agent.GetAsync("/api/tasks?take=many"));

        Assert.Equal("take", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_that_does_not_read_is_the_field_body_whether_bound_or_read_by_the_handler()
    {
        var agent = await service.As("agent");
        var client = service.Host.CreateClient();

        var bound = await InvalidAsync(await agent.Http.PostAsync("/api/messages", Json("""{"name": ")""")));
        var read = await InvalidAsync(await client.PostAsync("/api/auth/token", Json("""[1, 2]""")));

        Assert.Equal("body", Assert.Single(bound.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal("body", Assert.Single(read.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Each_refused_field_of_a_request_is_named()
    {
        var admin = await service.As("admin");

        var problem = await InvalidAsync(await admin.PostAsync("/api/external-tasks/fetch-and-lock", new { maxTasks = 1000 }));

        Assert.Equal(["workerId", "topics", "maxTasks"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_sign_in_without_a_password_names_the_password()
    {
        var client = service.Host.CreateClient();

        var problem = await InvalidAsync(await client.PostAsync("/api/auth/token", Json("""{"userName": "agent"}""")));

        Assert.Equal("password", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    private static async Task<JsonElement> InvalidAsync(HttpResponseMessage response)
    {
        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), "the 400 has no detail");
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            Assert.DoesNotContain(e.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null); // only what is known
        });
        return problem;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
