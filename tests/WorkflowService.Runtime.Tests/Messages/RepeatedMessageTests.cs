using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Messages;

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
        await service.As("owner").DeployAsync(Xml);
        var agent = service.As("agent");
        var id = await agent.StartAsync("repair-calls", businessKey: "RC-1");

        var first = await agent.SendMessageAsync("customer-called", businessKey: "RC-1");
        var second = await agent.SendMessageAsync("customer-called", businessKey: "RC-1");

        Assert.Equal(id, first.InstanceId);
        Assert.Equal(id, second.InstanceId);
        Assert.Equal(2, (await agent.TasksAsync(id)).Count(t => t.ElementId == "callBack"));
        await service.As("engineer").CompleteAsync(id, "repair");
        await Assert.ThrowsAsync<NotFoundException>(() => agent.SendMessageAsync("customer-called", businessKey: "RC-1"));
    }
}
