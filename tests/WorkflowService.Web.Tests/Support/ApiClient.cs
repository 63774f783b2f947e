using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WorkflowService.Web.Tests.Support;

/// <summary>A signed-in API caller: JSON in, JSON out, status codes checked by the caller.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public string UserName { get; private set; } = "";

    public async Task AuthenticateAsync(string user, string password)
    {
        UserName = user;
        var response = await Http.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) => Http.PostAsJsonAsync(url, body ?? new { });

    public Task<HttpResponseMessage> PostXmlAsync(string url, string xml) =>
        Http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await Http.GetAsync(url);
        await Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostJsonAsync(string url, object? body, HttpStatusCode expected)
    {
        var response = await PostAsync(url, body);
        await Expect(response, expected);
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<Guid> StartAsync(string definitionKey, object? variables = null, string? businessKey = null)
    {
        var created = await PostJsonAsync("/api/instances", new { definitionKey, businessKey, variables }, HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>The single open task at <paramref name="elementId"/> of an instance that this caller can see.</summary>
    public async Task<Guid> TaskIdAsync(Guid instanceId, string elementId)
    {
        var tasks = await GetJsonAsync($"/api/tasks?instanceId={instanceId}");
        var match = tasks.EnumerateArray().Where(t => t.GetProperty("elementId").GetString() == elementId).ToList();
        if (match.Count != 1)
            throw new Xunit.Sdk.XunitException($"Expected one open task '{elementId}' in {instanceId}, found: " +
                                               string.Join(", ", tasks.EnumerateArray().Select(t => t.GetProperty("elementId").GetString())));
        return match[0].GetProperty("id").GetGuid();
    }

    public async Task CompleteAsync(Guid instanceId, string elementId, object? variables = null)
    {
        var taskId = await TaskIdAsync(instanceId, elementId);
        await PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables }, HttpStatusCode.NoContent);
    }

    /// <summary>Completes the instance's last open task and checks that the instance has completed.</summary>
    public async Task FinishAsync(Guid instanceId, string elementId, object? variables = null)
    {
        await CompleteAsync(instanceId, elementId, variables);
        var status = await StatusAsync(instanceId);
        if (status != "Completed") throw new Xunit.Sdk.XunitException($"Instance {instanceId} is {status} after {elementId}, not Completed");
    }

    public Task<JsonElement> InstanceAsync(Guid id) => GetJsonAsync($"/api/instances/{id}");

    public async Task<string> StatusAsync(Guid id) => (await InstanceAsync(id)).GetProperty("status").GetString()!;

    /// <summary>The open tasks this caller can see, of one instance or of all.</summary>
    public async Task<List<JsonElement>> TasksAsync(Guid? instanceId = null) =>
        [.. (await GetJsonAsync(instanceId is null ? "/api/tasks?take=500" : $"/api/tasks?instanceId={instanceId}")).EnumerateArray()];

    public async Task<List<JsonElement>> BreachesAsync(Guid instanceId, string? rule = null) =>
        [.. (await GetJsonAsync($"/api/breaches?instanceId={instanceId}" + (rule is null ? "" : $"&rule={rule}"))).EnumerateArray()];

    public async Task<List<JsonElement>> HistoryAsync(Guid instanceId) =>
        [.. (await GetJsonAsync($"/api/instances/{instanceId}/history")).EnumerateArray()];

    /// <summary>Publishes a BPMN file (process owners and admins) and returns its process key.</summary>
    public async Task<string> DeployAsync(string xml)
    {
        var response = await PostXmlAsync("/api/definitions", xml);
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The response is <paramref name="expected"/> with an RFC 9457 problem body of that status; returns the body.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await Expect(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), "the problem has no title");
        return problem;
    }

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new Xunit.Sdk.XunitException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode} " +
                $"instead of {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }
}
