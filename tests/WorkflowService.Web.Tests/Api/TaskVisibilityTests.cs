using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Who sees a task: its candidate groups (and an admin) while it is offered; only the assignee
/// once it is claimed. Anyone else neither sees it nor can act on it.
/// </summary>
public sealed class TaskVisibilityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly object Values = new
    {
        variables = new { category = "price", description = "Too expensive", owner = "agent" },
    };

    private static async Task<bool> ListsAsync(ApiClient client, Guid taskId) =>
        (await client.TasksAsync()).Any(t => t.GetProperty("id").GetGuid() == taskId);

    [Fact]
    public async Task A_user_outside_the_candidate_groups_neither_sees_nor_claims_nor_completes_the_task()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("visibility-outsider");
        var engineer = await service.As("engineer");

        Assert.False(await ListsAsync(engineer, taskId));
        Assert.Empty(await engineer.TasksAsync(id));
        await ApiClient.Expect(await engineer.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.NotFound);
        await ApiClient.Expect(await engineer.PostAsync($"/api/tasks/{taskId}/claim"), HttpStatusCode.NotFound);
        await ApiClient.Expect(await engineer.PostAsync($"/api/tasks/{taskId}/complete", Values), HttpStatusCode.NotFound);
        await ApiClient.Expect(await engineer.PostAsync($"/api/tasks/{taskId}/unclaim"), HttpStatusCode.NotFound);

        var agent = await service.As("agent");
        var task = await agent.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("Open", task.GetProperty("task").GetProperty("status").GetString());
        Assert.False(task.GetProperty("task").TryGetProperty("assignee", out _));
    }

    [Fact]
    public async Task An_admin_sees_every_task_whatever_its_groups()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("visibility-admin");
        var admin = await service.As("admin");

        Assert.True(await ListsAsync(admin, taskId));
        Assert.Equal(taskId, Assert.Single(await admin.TasksAsync(id)).GetProperty("id").GetGuid());
        var details = await admin.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Contains(details.GetProperty("form").EnumerateArray(), f => f.GetProperty("id").GetString() == "owner");
    }

    [Fact]
    public async Task A_task_claimed_by_one_agent_disappears_for_the_other_who_can_no_longer_claim_or_complete_it()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("visibility-claimed");
        var agent = await service.As("agent");
        var agent2 = await service.As("agent2");
        Assert.True(await ListsAsync(agent2, taskId));

        await ApiClient.Expect(await agent.PostAsync($"/api/tasks/{taskId}/claim"), HttpStatusCode.OK);

        Assert.False(await ListsAsync(agent2, taskId));
        await ApiClient.Expect(await agent2.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.NotFound);
        var complete = await agent2.PostAsync($"/api/tasks/{taskId}/complete", Values);
        await ApiClient.Expect(complete, HttpStatusCode.Conflict);
        Assert.Contains("claimed by agent", await complete.Content.ReadAsStringAsync());
        await ApiClient.Expect(await agent2.PostAsync($"/api/tasks/{taskId}/claim"), HttpStatusCode.Conflict);
        await ApiClient.Expect(await agent2.PostAsync($"/api/tasks/{taskId}/unclaim"), HttpStatusCode.Conflict);
        Assert.True(await ListsAsync(agent, taskId));
        Assert.Equal("agent", Assert.Single(await (await service.As("admin")).TasksAsync(id)).GetProperty("assignee").GetString());

        await ApiClient.Expect(await agent.PostAsync($"/api/tasks/{taskId}/unclaim"), HttpStatusCode.OK);
        Assert.True(await ListsAsync(agent2, taskId));
    }
}
