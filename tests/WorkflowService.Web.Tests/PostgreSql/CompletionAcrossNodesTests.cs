using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Two nodes behind a load balancer, one database: a task completed through node A is completed
/// for node B at once (no node keeps state of its own), and B refuses to complete it again.
/// </summary>
public sealed class CompletionAcrossNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_task_completed_on_node_A_is_seen_as_completed_on_node_B()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var agentOnA = await a.LoginAsync("agent");
        var agentOnB = await b.LoginAsync("agent");
        var id = await agentOnA.StartAsync("complaint", new { customer = "Across Nodes Ltd" }, businessKey: "across-nodes");
        var taskId = await agentOnA.TaskIdAsync(id, "recordComplaint");
        Assert.Equal(taskId, await agentOnB.TaskIdAsync(id, "recordComplaint"));

        await agentOnA.PostJsonAsync($"/api/tasks/{taskId}/complete", new
        {
            variables = new { category = "delay", description = "Late", owner = "agent" },
        }, HttpStatusCode.NoContent);

        var next = Assert.Single(await agentOnB.TasksAsync(id));
        Assert.Equal("verifyFacts", next.GetProperty("elementId").GetString());
        var instance = await agentOnB.InstanceAsync(id);
        var active = ApiClient.Strings(instance.GetProperty("activeElementIds"));
        Assert.Contains("verifyFacts", active);
        Assert.DoesNotContain("recordComplaint", active);
        Assert.Equal("Across Nodes Ltd", instance.GetProperty("variables").GetProperty("customer").GetString());
        HistoryAssertions.AssertInOrder(await agentOnB.HistoryAsync(id),
            ("complaintReceived", "entered"), ("complaintReceived", "left"), ("recordComplaint", "entered"),
            ("recordComplaint", "left"), ("complaintHandling", "entered"), ("verifyFacts", "entered"));
        Assert.Equal("agent", HistoryAssertions.Entry(await agentOnB.HistoryAsync(id), "recordComplaint", "left").GetProperty("by").GetString());
        var again = await agentOnB.PostAsync($"/api/tasks/{taskId}/complete", new { variables = new { owner = "agent" } });
        await ApiClient.Expect(again, HttpStatusCode.Conflict);
        Assert.Contains("completed", await again.Content.ReadAsStringAsync());
    }
}
