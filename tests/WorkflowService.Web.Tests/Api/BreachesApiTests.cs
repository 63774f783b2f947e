using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// <c>GET /api/breaches</c> names who is charged with a breach: the person (<c>responsible</c>) and the group
/// (<c>responsibleGroup</c>), also when the late work is a subprocess and the person holds a task inside it.
/// </summary>
public sealed class BreachesApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Xml = TestBpmn.Process("breach-charged-subprocess", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="repairWork" name="维修">
          <bpmn:startEvent id="workStart" />
          <bpmn:userTask id="repairDevice" name="维修设备" camunda:candidateGroups="engineers" />
          <bpmn:endEvent id="workDone" />
          {TestBpmn.Flows("workStart", "repairDevice", "workDone")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="turnaroundTimer" cancelActivity="false" attachedToRef="repairWork">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="repair-turnaround" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "repairWork", "done")}{TestBpmn.Flows("turnaroundTimer", "noted")}
        """);

    [Fact]
    public async Task A_late_subprocess_is_listed_with_the_engineer_holding_the_task_inside_and_the_group()
    {
        var owner = await service.As("owner");
        await owner.DeployAsync(Xml);
        var id = await owner.StartAsync("breach-charged-subprocess");
        var engineer = await service.As("engineer");
        await ApiClient.Expect(await engineer.PostAsync($"/api/tasks/{await engineer.TaskIdAsync(id, "repairDevice")}/claim"),
            System.Net.HttpStatusCode.OK);

        await service.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var manager = await service.As("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(id)).Count > 0, "the repair-turnaround breach is recorded");
        var breach = Assert.Single(await manager.BreachesAsync(id, "repair-turnaround"));
        Assert.Equal("turnaroundTimer", breach.GetProperty("elementId").GetString());
        Assert.Equal("engineer", breach.GetProperty("responsible").GetString());
        Assert.Equal("engineers", breach.GetProperty("responsibleGroup").GetString());
        Assert.False(breach.TryGetProperty("responsibleNote", out _), "a breach charged without trouble carries a note");
    }
}
