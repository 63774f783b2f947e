using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// Two send-email tasks reached in one step (after a parallel split) are both done, each in turn
/// on the state the other left: both mails go out and the join lets the process move on.
/// </summary>
public sealed class ParallelSendTasksTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static string MailTask(string id, string subject) => $"""
        <bpmn:sendTask id="{id}" camunda:type="external" camunda:topic="send-email">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="to">managers</camunda:inputParameter>
            <camunda:inputParameter name="rule">parallel-mail</camunda:inputParameter>
            <camunda:inputParameter name="subject">{subject} for ${"{customer}"}</camunda:inputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
        </bpmn:sendTask>
        """;

    private static readonly string Xml = TestBpmn.Process("parallel-mail", $"""
        <bpmn:startEvent id="start" />
        <bpmn:parallelGateway id="split" />
        {MailTask("mailManagers", "Warranty claim opened")}
        {MailTask("mailWarehouse", "Spare part reserved")}
        <bpmn:parallelGateway id="join" />
        <bpmn:userTask id="followUp" camunda:candidateGroups="agents" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "split", "mailManagers", "join", "followUp", "done")}{TestBpmn.Flows("split", "mailWarehouse", "join")}
        """);

    [Fact]
    public async Task Both_mails_are_sent_and_the_instance_moves_past_the_join()
    {
        var owner = service.As("owner");
        await owner.DeployAsync(Xml);

        var id = await owner.StartAsync("parallel-mail", new { customer = "Parallel Mail Ltd" });

        AssertShape(await owner.InstanceAsync(id), "Running", ["followUp"]);
        var mails = await Poll.ForAsync(
            () => Task.FromResult(service.Smtp.Received.Where(m => m.Subject.Contains("for Parallel Mail Ltd", StringComparison.Ordinal)).ToList()),
            m => m.Count >= 2, "both mails of the parallel branches reach the SMTP server");
        Assert.Equal(["【服务升级】Spare part reserved for Parallel Mail Ltd [parallel-mail]",
                "【服务升级】Warranty claim opened for Parallel Mail Ltd [parallel-mail]"],
            mails.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var history = await owner.HistoryAsync(id);
        Assert.Contains(history, h => h.ElementId == "mailManagers" && h.Event == "left");
        Assert.Contains(history, h => h.ElementId == "mailWarehouse" && h.Event == "left");
    }
}
