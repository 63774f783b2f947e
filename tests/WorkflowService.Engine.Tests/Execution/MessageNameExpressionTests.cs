using WorkflowService.Engine.Tests.Support;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Execution;

/// <summary>A message name written as an expression (<c>paid-${orderId}</c>) is evaluated when the wait opens.</summary>
public sealed class MessageNameExpressionTests
{
    [Fact]
    public void The_wait_is_for_the_evaluated_name_and_that_name_is_caught()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="payment" /></intermediateCatchEvent>
            <userTask id="ship" />
            """, "start -> paid -> ship", """<message id="payment" name="paid-${orderId}" />""");

        var sim = Simulation.Start(model, new { orderId = "SO-17" });

        Assert.Equal("paid-SO-17", Assert.Single(sim.MessageWaits.Values).MessageName);
        sim.SendMessage("paid-SO-17");
        Assert.True(sim.HasTask("ship"));
    }

    [Fact]
    public void A_name_whose_variable_is_missing_is_an_incident_on_the_event()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="payment" /></intermediateCatchEvent>
            """, "start -> paid", """<message id="payment" name="paid-${orderId}" />""");

        var sim = Simulation.Start(model);

        Assert.Equal("paid", Assert.Single(sim.OpenIncidents.Values).ElementId);
        Assert.Empty(sim.MessageWaits);
    }

    [Fact]
    public void A_message_start_event_with_an_expression_name_is_refused()
    {
        var xml = Process("""
            <startEvent id="ordered"><messageEventDefinition messageRef="order" /></startEvent>
            <endEvent id="e" />
            <sequenceFlow id="f" sourceRef="ordered" targetRef="e" />
            """, """<message id="order" name="order-${region}" />""");

        AssertRefused(xml, "ordered", "startEvent", "give the message a plain name", "<message id=\"order\"");
    }
}
