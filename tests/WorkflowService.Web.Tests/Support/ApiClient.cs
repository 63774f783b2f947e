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

    public async Task AuthenticateAsync(string user, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) => Http.PostAsJsonAsync(url, body ?? new { });

    public Task<HttpResponseMessage> PostXmlAsync(string url, string xml) =>
        Http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));

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

    public Task<JsonElement> InstanceAsync(Guid id) => GetJsonAsync($"/api/instances/{id}");

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new Xunit.Sdk.XunitException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode} " +
                $"instead of {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }
}
