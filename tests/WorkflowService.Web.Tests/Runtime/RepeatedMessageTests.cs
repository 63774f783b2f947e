using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Runtime;

/// <summary>
/// A non-interrupting message boundary event keeps listening while its task is open: every
/// message is caught, each starting its own branch; once the task is done, a message finds nobody.
/// </summary>
public sealed class RepeatedMessageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Xml = TestBpmn.Process("repair-calls", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="repair" camunda:candidateGroups="engineers" />
        <bpmn:boundaryEvent id="customerCalled" cancelActivity="false" attachedToRef="repair">
          <bpmn:messageEventDefinition messageRef="customerCalledMessage" />
        </bpmn:boundaryEvent>
        <bpmn:userTask id="callBack" camunda:candidateGroups="agents" />
        <bpmn:endEvent id="calledBack" />
        <bpmn:endEvent id="repaired" />
        {TestBpmn.Flows("start", "repair", "repaired")}{TestBpmn.Flows("customerCalled", "callBack", "calledBack")}
        """, """<bpmn:message id="customerCalledMessage" name="customer-called" />""");

    [Fact]
    public async Task Each_message_is_caught_while_the_task_is_open_and_none_after()
    {
        var owner = await service.As("owner");
        await owner.DeployAsync(Xml);
        var agent = await service.As("agent");
        var id = await agent.StartAsync("repair-calls", businessKey: "RC-1");

        var first = await agent.PostJsonAsync("/api/messages", new { name = "customer-called", businessKey = "RC-1" }, HttpStatusCode.OK);
        var second = await agent.PostJsonAsync("/api/messages", new { name = "customer-called", businessKey = "RC-1" }, HttpStatusCode.OK);

        Assert.Equal(id, first.GetProperty("instanceId").GetGuid());
        Assert.Equal(id, second.GetProperty("instanceId").GetGuid());
        Assert.Equal(2, (await agent.TasksAsync(id)).Count(t => t.GetProperty("elementId").GetString() == "callBack"));
        await (await service.As("engineer")).CompleteAsync(id, "repair");
        var late = await agent.PostAsync("/api/messages", new { name = "customer-called", businessKey = "RC-1" });
        await ApiClient.Expect(late, HttpStatusCode.NotFound);
    }
}
