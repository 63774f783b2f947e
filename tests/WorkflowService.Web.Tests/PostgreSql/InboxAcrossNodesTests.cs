using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Two nodes, one database: a task created through node A is in the inbox of its group on node B,
/// through the API and on the inbox page, with nothing to wait for.
/// </summary>
public sealed class InboxAcrossNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_task_created_on_node_A_appears_in_the_inbox_on_node_B()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var deskOnA = await a.LoginAsync("desk");
        var id = await deskOnA.StartAsync("repair", businessKey: "R-Inbox Across Nodes");
        var taskId = await deskOnA.TaskIdAsync(id, "acceptRequest");

        var inbox = await (await b.LoginAsync("desk")).TasksAsync();
        var task = Assert.Single(inbox, t => t.GetProperty("id").GetGuid() == taskId);
        Assert.Equal(id, task.GetProperty("instanceId").GetGuid());
        Assert.Equal(["service-desk"], ApiClient.Strings(task.GetProperty("candidateGroups")));
        var page = await PageSession.SignInAsync(b, "desk");
        await page.PageAsync("/inbox");
        Assert.Contains("R-Inbox Across Nodes", page.Html);
        Assert.DoesNotContain(await (await b.LoginAsync("agent")).TasksAsync(), t => t.GetProperty("id").GetGuid() == taskId);
    }
}
