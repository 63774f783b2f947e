using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Gateways map to nodes, and each can always decide: the deploy-time gateway rules.</summary>
public sealed class GatewayTests
{
    /// <summary>start → g; g → a (condition), g → b; a, b → end. Attributes and conditions vary per test.</summary>
    private static string Split(string gateway, string flowA, string flowB) => Process($"""
            <startEvent id="s" />
            {gateway}
            <task id="a" />
            <task id="b" />
            <endEvent id="e" />
            <sequenceFlow id="in" sourceRef="s" targetRef="g" />
            {flowA}
            {flowB}
            <sequenceFlow id="fa" sourceRef="a" targetRef="e" />
            <sequenceFlow id="fb" sourceRef="b" targetRef="e" />
        """);

    private const string ToAWithCondition = """
        <sequenceFlow id="toA" sourceRef="g" targetRef="a"><conditionExpression xsi:type="tFormalExpression">${urgent}</conditionExpression></sequenceFlow>
        """;

    private const string ToBWithoutCondition = """<sequenceFlow id="toB" sourceRef="g" targetRef="b" />""";

    private const string ToBWithCondition = """
        <sequenceFlow id="toB" sourceRef="g" targetRef="b"><conditionExpression>${!urgent}</conditionExpression></sequenceFlow>
        """;

    [Fact]
    public void An_exclusive_gateway_keeps_its_default_flow_and_the_flows_keep_their_conditions()
    {
        var model = Parsed(Split("""<exclusiveGateway id="g" name="Urgent?" default="toB" />""", ToAWithCondition, ToBWithoutCondition));

        var gateway = Assert.IsType<ExclusiveGatewayNode>(model.Node("g"));
        Assert.Equal("toB", gateway.DefaultFlowId);
        Assert.Equal(["toA", "toB"], gateway.Outgoing.ToArray());
        Assert.Equal("${urgent}", model.Flow("toA").Condition);
        Assert.Null(model.Flow("toB").Condition);
    }

    [Fact]
    public void An_exclusive_gateway_whose_every_flow_has_a_condition_needs_no_default()
    {
        var gateway = Node<ExclusiveGatewayNode>(Split("""<exclusiveGateway id="g" />""", ToAWithCondition, ToBWithCondition), "g");

        Assert.Null(gateway.DefaultFlowId);
    }

    [Fact]
    public void An_exclusive_gateway_with_one_unconditional_outgoing_flow_is_a_plain_merge()
    {
        var xml = Process("""
                <startEvent id="s" />
                <exclusiveGateway id="merge" />
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="merge" />
                <sequenceFlow id="f2" sourceRef="merge" targetRef="e" />
            """);

        Assert.IsType<ExclusiveGatewayNode>(Parsed(xml).Node("merge"));
    }

    [Fact]
    public void An_exclusive_gateway_without_outgoing_flow_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <exclusiveGateway id="checkWarranty" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="checkWarranty" />
            """);

        var error = AssertRefused(xml, "checkWarranty", "exclusiveGateway", "has no outgoing sequence flow");
        Assert.Equal("Exclusive gateway 'checkWarranty' has no outgoing sequence flow", error.Message);
    }

    [Fact]
    public void A_flow_without_condition_next_to_a_conditional_one_is_refused_unless_it_is_the_default()
    {
        var xml = Split("""<exclusiveGateway id="g" />""", ToAWithCondition, ToBWithoutCondition);

        AssertRefused(xml, "toB", "sequenceFlow", "leaves exclusive gateway 'g' without a condition; add a condition or make it the gateway's default flow");
    }

    [Fact]
    public void A_default_flow_that_does_not_leave_the_gateway_is_refused()
    {
        var xml = Split("""<exclusiveGateway id="g" default="fa" />""", ToAWithCondition, ToBWithCondition);

        AssertRefused(xml, "g", "exclusiveGateway", "The default flow 'fa' of exclusive gateway 'g' is not one of its outgoing sequence flows");
    }

    [Fact]
    public void A_default_flow_with_a_condition_is_refused()
    {
        var xml = Split("""<exclusiveGateway id="g" default="toB" />""", ToAWithCondition, ToBWithCondition);

        AssertRefused(xml, "toB", "sequenceFlow", "is the default flow of exclusive gateway 'g' and must not have a condition");
    }

    [Fact]
    public void Conditions_on_flows_out_of_a_parallel_gateway_are_dropped_with_a_warning()
    {
        var result = Parse(Split("""<parallelGateway id="g" />""", ToAWithCondition, ToBWithoutCondition));

        Assert.True(result.Success);
        var model = Assert.Single(result.Processes);
        Assert.IsType<ParallelGatewayNode>(model.Node("g"));
        Assert.Null(model.Flow("toA").Condition);
        AssertWarning(result, "toA", "is ignored: every flow out of a parallel gateway is taken");
    }

    [Fact]
    public void An_event_based_gateway_leads_to_timer_and_message_catch_events()
    {
        var xml = Process("""
                <startEvent id="s" />
                <eventBasedGateway id="race" />
                <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
                <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
                <endEvent id="e" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="race" />
                <sequenceFlow id="f1" sourceRef="race" targetRef="reply" />
                <sequenceFlow id="f2" sourceRef="race" targetRef="timeout" />
                <sequenceFlow id="f3" sourceRef="reply" targetRef="e" />
                <sequenceFlow id="f4" sourceRef="timeout" targetRef="e" />
            """, """<message id="m" name="customer-reply" />""");

        var gateway = Node<EventBasedGatewayNode>(xml, "race");
        Assert.Equal(["f1", "f2"], gateway.Outgoing.ToArray());
    }

    [Fact]
    public void An_event_based_gateway_leading_to_a_task_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <eventBasedGateway id="race" />
                <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
                <userTask id="call" />
                <endEvent id="e" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="race" />
                <sequenceFlow id="f1" sourceRef="race" targetRef="timeout" />
                <sequenceFlow id="f2" sourceRef="race" targetRef="call" />
                <sequenceFlow id="f3" sourceRef="timeout" targetRef="e" />
                <sequenceFlow id="f4" sourceRef="call" targetRef="e" />
            """);

        AssertRefused(xml, "race", "eventBasedGateway", "leads to user task 'call'; it may only lead to timer or message intermediate catch events");
    }

    [Fact]
    public void An_event_based_gateway_with_a_single_outgoing_flow_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <eventBasedGateway id="race" />
                <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
                <endEvent id="e" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="race" />
                <sequenceFlow id="f1" sourceRef="race" targetRef="timeout" />
                <sequenceFlow id="f3" sourceRef="timeout" targetRef="e" />
            """);

        AssertRefused(xml, "race", "eventBasedGateway", "has 1 outgoing sequence flow; it needs at least two");
    }

    [Fact]
    public void Several_unconditional_flows_out_of_a_task_fork_implicitly_and_conditional_ones_are_kept()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <task id="t" />
                <endEvent id="e1" />
                <endEvent id="e2" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="t" />
                <sequenceFlow id="f1" sourceRef="t" targetRef="e1" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e2"><conditionExpression>${big}</conditionExpression></sequenceFlow>
            """));

        Assert.Equal(["f1", "f2"], model.Node("t").Outgoing.ToArray());
        Assert.Equal("${big}", model.Flow("f2").Condition);
    }
}
