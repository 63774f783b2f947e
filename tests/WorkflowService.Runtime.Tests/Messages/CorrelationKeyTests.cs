using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Messages;

/// <summary>
/// A message matched by correlation variables finds its instance however many instances wait
/// for the same message name (they are searched a page at a time, oldest first).
/// </summary>
public sealed class CorrelationKeyTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Xml = TestBpmn.Process("await-payment", $"""
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="awaitPayment">
          <bpmn:messageEventDefinition messageRef="paymentMessage" />
        </bpmn:intermediateCatchEvent>
        <bpmn:userTask id="ship" camunda:candidateGroups="agents" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "awaitPayment", "ship", "done")}
        """, """<bpmn:message id="paymentMessage" name="payment-received" />""");

    [Fact]
    public async Task The_instance_with_the_matching_variable_is_found_behind_hundreds_of_older_ones()
    {
        var admin = service.As("admin");
        await admin.DeployAsync(Xml);
        var ids = new List<Guid>();
        for (var order = 0; order < 450; order++)
            ids.Add(await admin.StartAsync("await-payment", new { orderId = $"SO-{order}" }));

        var delivered = await admin.SendMessageAsync("payment-received", correlationKeys: new { orderId = "SO-437" });

        Assert.Equal(ids[437], delivered.InstanceId);
        Assert.Equal(["ship"], (await admin.InstanceAsync(ids[437])).ActiveElementIds);
        Assert.Equal(["awaitPayment"], (await admin.InstanceAsync(ids[436])).ActiveElementIds);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            admin.SendMessageAsync("payment-received", correlationKeys: new { orderId = "SO-9999" }));
    }
}
