using System.Net;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Staff.StaffApi;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>A manager finds the work a disabled person left behind on one page and hands it on from there.</summary>
public sealed class LeftBehindPageTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task A_manager_hands_on_a_task_that_named_only_a_disabled_person_and_a_disabled_one_is_refused_as_assignee()
    {
        var admin = await service.As("admin");
        var owner = await service.As("owner");
        var leaver = NewName("gone");
        await AddAsync(admin, leaver, "engineer");
        await owner.DeployAsync(TestBpmn.Process("staff-personal", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="visit" name="上门回访" camunda:assignee="${"{leaver}"}" />
            {TestBpmn.Flows("start", "visit")}
            """));
        var instance = await owner.StartAsync("staff-personal", new { leaver });
        var taskId = (await admin.TasksAsync(instance)).Single().GetProperty("id").GetGuid();
        await admin.PostJsonAsync($"/api/users/{leaver}/disable", null, HttpStatusCode.OK);
        var manager = await PageSession.SignInAsync(service.Host, "manager", "zh-CN");

        var page = await manager.PageAsync("/tasks/left-behind");
        Assert.Contains("离岗人员的待移交任务", page);
        Assert.Contains($"data-task-id=\"{taskId}\"", page);
        Assert.DoesNotContain($"<option value=\"{leaver}\">", page); // only people who work here are offered

        var refused = await manager.PostFormAsync("/tasks/left-behind", new() { ["taskId"] = taskId.ToString(), ["userName"] = leaver });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"{leaver} 已停用:请把任务移交给在岗人员。", manager.Text("data-testid", "hand-on-result"));
        var handedOn = await manager.PostFormAsync("/tasks/left-behind", new() { ["taskId"] = taskId.ToString(), ["userName"] = "engineer" });

        Assert.Equal(HttpStatusCode.OK, handedOn.StatusCode);
        Assert.Contains("已移交给 engineer", manager.Html);
        Assert.DoesNotContain($"data-task-id=\"{taskId}\"", manager.Html);
        Assert.Equal("engineer", (await admin.TasksAsync(instance)).Single().GetProperty("assignee").GetString());
        var agent = await PageSession.SignInAsync(service.Host, "agent");
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync("/tasks/left-behind")).StatusCode);
    }
}
