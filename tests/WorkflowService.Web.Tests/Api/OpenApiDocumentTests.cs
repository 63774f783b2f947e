using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// The OpenAPI document tells a client every refusal it can meet: each operation under /api lists
/// exactly the 4xx statuses it can answer (none missing, none it cannot), each as problem details.
/// The table is the truth the endpoints are held to; an operation added later fails here until it
/// is listed.
/// </summary>
public sealed partial class OpenApiDocumentTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    /// <summary>
    /// The 4xx of each operation. 400: a body, query value or field refused; 401: no valid bearer
    /// token (the sign-in and the PBX webhook: wrong password, wrong secret); 403: a role policy,
    /// a process that names who may start it, or (every signed-in operation but the password change and
    /// revoking a token) a caller who must first change the password an admin set; 404: an id or key that
    /// names nothing the caller may see; 409: a task, instance or message that is no longer as the request expects, a taken user name, the last admin; 413: a
    /// document over its limit; 415: a body that is not JSON (or, for a deployment, not XML).
    /// </summary>
    private static readonly Dictionary<string, int[]> Refusals = new()
    {
        ["POST /api/auth/token"] = [400, 401, 415],
        ["POST /api/auth/revoke"] = [400, 401],
        ["POST /api/definitions"] = [400, 401, 403, 413, 415],
        ["GET /api/definitions"] = [401, 403],
        ["GET /api/definitions/{key}/versions"] = [401, 403, 404],
        ["GET /api/definitions/{key}/versions/{version}/xml"] = [401, 403, 404],
        ["GET /api/definitions/{key}/start-form"] = [401, 403, 404],
        ["POST /api/instances"] = [400, 401, 403, 404, 415],
        ["GET /api/instances"] = [400, 401, 403],
        ["GET /api/instances/{id}"] = [401, 403, 404],
        ["GET /api/instances/{id}/history"] = [401, 403, 404],
        ["POST /api/instances/{id}/cancel"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/instances/{id}/incidents/{incidentId}/retry"] = [400, 401, 403, 404, 409, 415],
        ["GET /api/tasks"] = [400, 401, 403],
        ["GET /api/tasks/{id}"] = [401, 403, 404],
        ["POST /api/tasks/{id}/claim"] = [401, 403, 404, 409],
        ["POST /api/tasks/{id}/unclaim"] = [401, 403, 404, 409],
        ["POST /api/tasks/{id}/assign"] = [400, 401, 403, 404, 415],
        ["GET /api/tasks/left-behind"] = [401, 403],
        ["POST /api/tasks/{id}/complete"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/messages"] = [400, 401, 403, 404, 409, 415],
        ["GET /api/breaches"] = [400, 401, 403],
        ["GET /api/reports/kpis"] = [400, 401, 403],
        ["GET /api/reports/engineers"] = [400, 401, 403],
        ["GET /api/reports/engineers.xlsx"] = [400, 401, 403],
        ["GET /api/reports/kpis.xlsx"] = [400, 401, 403],
        ["GET /api/reports/dashboard"] = [400, 401, 403],
        ["GET /api/reports/cases"] = [400, 401, 403],
        ["GET /api/reports/cases.xlsx"] = [400, 401, 403],
        ["GET /api/breaches.xlsx"] = [400, 401, 403],
        ["GET /api/reports/monthly.xlsx"] = [400, 401, 403],
        ["GET /api/reports/weekly.xlsx"] = [400, 401, 403],
        ["POST /api/external-tasks/fetch-and-lock"] = [400, 401, 403, 415],
        ["POST /api/external-tasks/{id}/complete"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/external-tasks/{id}/failure"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/telephony/events"] = [400, 401, 404, 413, 415],
        ["GET /api/hotline/roster"] = [401, 403],
        ["PUT /api/hotline/roster"] = [400, 401, 403, 409, 415],
        ["GET /api/hotline/on-duty"] = [400, 401, 403],
        ["GET /api/users"] = [401, 403],
        ["POST /api/users"] = [400, 401, 403, 409, 415],
        ["GET /api/users/{userName}"] = [401, 403, 404],
        ["PUT /api/users/{userName}"] = [400, 401, 403, 404, 409, 415],
        ["GET /api/users/{userName}/assignments"] = [401, 403, 404],
        ["POST /api/users/{userName}/disable"] = [401, 403, 404, 409],
        ["POST /api/users/{userName}/enable"] = [401, 403, 404],
        ["POST /api/users/{userName}/password"] = [400, 401, 403, 404, 415],
        ["POST /api/users/import"] = [400, 401, 403, 413, 415],
        ["GET /api/users/export"] = [401, 403],
        ["GET /api/groups"] = [401, 403],
        ["GET /api/groups/{name}"] = [401, 403, 404],
        ["PUT /api/groups/{name}/members"] = [400, 401, 403, 415],
        ["GET /api/audit"] = [401, 403],
        ["GET /api/calendars"] = [401, 403],
        ["GET /api/calendars/{name}"] = [401, 403, 404],
        ["PUT /api/calendars/{name}"] = [400, 401, 403, 409, 415],
        ["POST /api/calendars/{name}/due"] = [400, 401, 403, 404, 415],
        ["GET /api/account"] = [401, 403],
        ["PUT /api/account"] = [400, 401, 403, 415],
        ["POST /api/account/password"] = [400, 401, 415],
        ["POST /api/customers"] = [400, 401, 403, 415],
        ["GET /api/customers"] = [401, 403],
        ["GET /api/customers/{id}"] = [401, 403, 404],
        ["GET /api/customers/{id}/satisfaction"] = [401, 403, 404],
        ["PUT /api/customers/{id}"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/customers/{id}/devices"] = [400, 401, 403, 404, 409, 415],
        ["POST /api/customers/import"] = [400, 401, 403, 413, 415],
        ["GET /api/customers/export"] = [401, 403],
        ["GET /api/devices/{serial}"] = [401, 403, 404],
        ["POST /api/orders"] = [400, 401, 403, 404, 415],
        ["GET /api/orders"] = [400, 401, 403],
        ["GET /api/orders/{number}"] = [401, 403, 404],
        ["GET /api/orders/export"] = [400, 401, 403],
        ["POST /api/orders/{number}/slip"] = [400, 401, 403, 404, 413, 415],
        ["GET /api/orders/{number}/slip"] = [401, 403, 404],
        ["GET /api/devices/export"] = [400, 401, 403],
        ["GET /api/inbox/export"] = [401, 403],
        ["GET /api/instances/export"] = [400, 401, 403],
        ["GET /api/audit/export"] = [401, 403],
        ["GET /api/hotline/roster/export"] = [401, 403],
        ["GET /api/hotline/calls/export"] = [400, 401, 403],
        ["GET /api/calendars/{name}/export"] = [401, 403, 404],
        ["GET /api/groups/export"] = [401, 403],
        ["GET /api/notifications"] = [400, 401, 403],
        ["POST /api/notifications/{id}/read"] = [401, 403, 404],
        ["POST /api/notifications/read-all"] = [401, 403],
        ["GET /api/me/notification-preferences"] = [401, 403],
        ["PUT /api/me/notification-preferences"] = [400, 401, 403, 415],
    };

    /// <summary>Operations whose route names something they create when it is missing: no 404.</summary>
    private static readonly string[] Creating = ["PUT /api/groups/{name}/members", "PUT /api/calendars/{name}"];

    /// <summary>The operations that take no bearer token (they answer 401 for a wrong password or secret instead).</summary>
    private static readonly string[] Anonymous = ["POST /api/auth/token", "POST /api/telephony/events"];

    [Fact]
    public async Task Every_api_operation_lists_exactly_the_refusals_it_can_answer()
    {
        var operations = await OperationsAsync();

        Assert.Equal(Refusals.Keys.Order(), operations.Keys.Order());
        Assert.All(operations, o => Assert.True(Refusals[o.Key].SequenceEqual(ClientErrors(o.Value)),
            $"{o.Key} lists {string.Join(", ", ClientErrors(o.Value))}, expected {string.Join(", ", Refusals[o.Key])}"));
    }

    [Fact]
    public async Task Every_operation_for_signed_in_users_lists_401_and_every_one_with_a_route_id_lists_404()
    {
        var operations = await OperationsAsync();

        Assert.All(operations.Where(o => !Anonymous.Contains(o.Key)), o => Assert.Contains(401, ClientErrors(o.Value)));
        Assert.All(operations.Where(o => o.Key.Contains('{') && !Creating.Contains(o.Key)), o => Assert.Contains(404, ClientErrors(o.Value)));
    }

    [Fact]
    public async Task Every_refusal_is_described_as_problem_details()
    {
        var operations = await OperationsAsync();

        var refusals = operations.SelectMany(o => o.Value.GetProperty("responses").EnumerateObject()
            .Where(r => r.Name.StartsWith('4')).Select(r => (Operation: $"{o.Key} {r.Name}", Response: r.Value))).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r =>
        {
            Assert.True(r.Response.TryGetProperty("content", out var content), $"{r.Operation} has no content");
            var types = content.EnumerateObject().Select(c => c.Name).ToList();
            Assert.True(types is ["application/problem+json"], $"{r.Operation} is {string.Join(", ", types)}");
            var schema = content.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Equal(r.Operation.EndsWith(" 400", StringComparison.Ordinal) ? "#/components/schemas/InvalidRequestProblem" : "#/components/schemas/ProblemDetails", schema);
        });
    }

    [Fact]
    public async Task The_sign_in_describes_the_token_it_answers_with()
    {
        var signIn = (await OperationsAsync())["POST /api/auth/token"];

        var schema = signIn.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/AccessTokenResponse", schema);
    }

    [Fact]
    public async Task A_400_is_described_with_its_errors_naming_field_element_and_line()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var errors = schemas.GetProperty("InvalidRequestProblem").GetProperty("properties").GetProperty("errors");
        var error = schemas.GetProperty(errors.GetProperty("items").GetProperty("$ref").GetString()!.Split('/')[^1]);
        var fields = error.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["message", "field", "code", "elementId", "line", "argument"], fields);
    }

    /// <summary>"METHOD /path" (route constraints left out, as the document writes them) to its operation.</summary>
    private async Task<Dictionary<string, JsonElement>> OperationsAsync()
    {
        var document = await DocumentAsync();
        return document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {TrailingSlash().Replace(p.Name, "")}", o.Value)))
            .ToDictionary(o => o.Key, o => o.Value);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin");
        return JsonDocument.Parse(await admin.PageAsync("/openapi/v1.json")).RootElement;
    }

    private static int[] ClientErrors(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, CultureInfo.InvariantCulture)).Where(s => s is >= 400 and < 500).Order()];

    [GeneratedRegex("/$")]
    private static partial Regex TrailingSlash();
}
