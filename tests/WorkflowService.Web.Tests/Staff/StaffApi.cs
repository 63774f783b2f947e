using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>What the staff tests do through the admin API, worded once.</summary>
internal static class StaffApi
{
    /// <summary>A user name no other test uses (each test class shares one service).</summary>
    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public const string Password = "first-password-1";

    /// <summary>Adds a person as the admin would; <paramref name="mustChange"/> false for a person who uses the API at once.</summary>
    public static async Task<JsonElement> AddAsync(ApiClient admin, string userName, string role, string[]? groups = null,
        bool mustChange = false, string displayName = "张伟") =>
        await admin.PostJsonAsync("/api/users", new
        {
            userName, displayName, email = $"{userName}@example.com", mobile = "+86 138 0013 8000", password = Password,
            roles = new[] { role }, groups = groups ?? [], mustChangePassword = mustChange,
        }, HttpStatusCode.Created);

    public static async Task<ApiClient> SignInAsync(WorkflowHost host, string userName, string password = Password) =>
        await host.LoginAsync(userName, password);

    /// <summary>Makes <paramref name="userName"/> a member of <paramref name="group"/>, keeping the others.</summary>
    public static async Task JoinAsync(ApiClient admin, string group, string userName)
    {
        var members = (await admin.GetJsonAsync($"/api/groups/{group}")).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("userName").GetString()!).Append(userName).ToArray();
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/groups/{group}/members", new { userNames = members }), HttpStatusCode.OK);
    }

    /// <summary>The response's JSON body, once its status is <paramref name="expected"/>.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ApiClient.Expect(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The 400's errors as (field, code) pairs.</summary>
    public static List<(string? Field, string? Code)> Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e =>
            (e.TryGetProperty("field", out var f) ? f.GetString() : null, e.TryGetProperty("code", out var c) ? c.GetString() : null))];
}
