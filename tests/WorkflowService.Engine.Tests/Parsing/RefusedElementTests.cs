using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>
/// BPMN the engine does not run is refused at deploy time, naming the element, its type, its
/// line and what to use instead.
/// </summary>
public sealed class RefusedElementTests
{
    private const string Messages = """<message id="m" name="reply" /><signal id="sig" name="recall" />""";

    /// <summary>The element sits between a start and an end event, so only its own refusal is reported.</summary>
    private static string Between(string element, string id) => Linear(element, id, Messages);

    private static void AssertOnlyRefusal(string xml, string id, string type, string fragment)
    {
        AssertRefused(xml, id, type, fragment);
        Assert.Single(Parse(xml).Errors);
    }

    [Fact]
    public void A_business_rule_task_is_refused_pointing_to_gateways_or_external_tasks() =>
        AssertOnlyRefusal(Between("""<businessRuleTask id="rules" camunda:decisionRef="approver" />""", "rules"),
            "rules", "businessRuleTask", "DMN decisions are not supported; use an exclusive gateway with conditions, or an external service task");

    [Fact]
    public void A_call_activity_is_refused() =>
        AssertOnlyRefusal(Between("""<callActivity id="review" calledElement="ReviewInvoice" />""", "review"),
            "review", "callActivity", "call activities are not supported; model the steps in an embedded subprocess");

    [Fact]
    public void A_receive_task_is_refused_pointing_to_a_message_catch_event() =>
        AssertOnlyRefusal(Between("""<receiveTask id="wait" messageRef="m" />""", "wait"),
            "wait", "receiveTask", "receive tasks are not supported; use a message intermediate catch event");

    [Fact]
    public void An_inclusive_gateway_is_refused() =>
        AssertOnlyRefusal(Between("""<inclusiveGateway id="or" />""", "or"),
            "or", "inclusiveGateway", "inclusive gateways are not supported; use exclusive gateways, or a parallel gateway");

    [Fact]
    public void A_complex_gateway_is_refused() =>
        AssertOnlyRefusal(Between("""<complexGateway id="cx" />""", "cx"),
            "cx", "complexGateway", "complex gateways are not supported; use exclusive or parallel gateways");

    [Fact]
    public void A_transaction_is_refused() =>
        AssertOnlyRefusal(Between("""<transaction id="tx"><startEvent id="txs" /></transaction>""", "tx"),
            "tx", "transaction", "transactions are not supported; use an embedded subprocess with error boundary events");

    [Fact]
    public void An_ad_hoc_subprocess_is_refused() =>
        AssertOnlyRefusal(Between("""<adHocSubProcess id="adhoc"><task id="x" /></adHocSubProcess>""", "adhoc"),
            "adhoc", "adHocSubProcess", "ad-hoc subprocesses are not supported");

    [Fact]
    public void An_unknown_BPMN_flow_element_is_refused() =>
        AssertOnlyRefusal(Between("""<choreographyActivityX id="odd" />""", "odd"),
            "odd", "choreographyActivityX", "'choreographyActivityX' is not a BPMN element this engine runs");

    [Theory]
    [InlineData("startEvent", "<signalEventDefinition signalRef=\"sig\" />", "signal events are not supported; use a message event")]
    [InlineData("intermediateCatchEvent", "<signalEventDefinition signalRef=\"sig\" />", "signal events are not supported; use a message event")]
    [InlineData("intermediateThrowEvent", "<signalEventDefinition signalRef=\"sig\" />", "signal events are not supported; use a message event")]
    [InlineData("endEvent", "<signalEventDefinition signalRef=\"sig\" />", "signal events are not supported; use a message event")]
    [InlineData("intermediateCatchEvent", "<conditionalEventDefinition><condition>${x}</condition></conditionalEventDefinition>", "conditional events are not supported; use an exclusive gateway with conditions")]
    [InlineData("intermediateCatchEvent", "<linkEventDefinition name=\"jump\" />", "link events are not supported; connect the two points with a sequence flow")]
    [InlineData("intermediateThrowEvent", "<linkEventDefinition name=\"jump\" />", "link events are not supported")]
    [InlineData("intermediateThrowEvent", "<compensateEventDefinition />", "compensation is not supported; model the undo steps explicitly")]
    [InlineData("endEvent", "<cancelEventDefinition />", "cancel events are not supported; use an error end event and an error boundary event")]
    [InlineData("intermediateCatchEvent", "", "has no event definition; an intermediate catch event waits for a timer or a message")]
    [InlineData("endEvent", "<messageEventDefinition messageRef=\"m\" />", "message end events are not supported; use a send task with camunda:type=\"external\"")]
    [InlineData("intermediateThrowEvent", "<messageEventDefinition messageRef=\"m\" />", "message throw events are not supported; use a send task with camunda:type=\"external\"")]
    [InlineData("endEvent", "<errorEventDefinition />", "throws an error without errorRef")]
    [InlineData("endEvent", "<errorEventDefinition errorRef=\"nope\" />", "refers to error 'nope', which is not defined in this file")]
    [InlineData("intermediateThrowEvent", "<escalationEventDefinition escalationRef=\"nope\" />", "refers to escalation 'nope', which is not defined in this file")]
    [InlineData("intermediateCatchEvent", "<messageEventDefinition />", "has no message; choose a message (messageRef)")]
    [InlineData("intermediateCatchEvent", "<messageEventDefinition messageRef=\"unknown\" />", "refers to message 'unknown', which is not defined in this file")]
    [InlineData("intermediateCatchEvent", "<timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition><messageEventDefinition messageRef=\"m\" />", "multiple events are not supported")]
    public void An_event_with_an_unsupported_trigger_is_refused(string eventType, string definition, string fragment)
    {
        var xml = Between($"""<{eventType} id="ev">{definition}</{eventType}>""", "ev");
        if (eventType == "endEvent")
            xml = xml.Replace("""<sequenceFlow id="f2" sourceRef="ev" targetRef="e" />""", "");
        if (eventType == "startEvent")
            xml = xml.Replace("""<sequenceFlow id="f1" sourceRef="s" targetRef="ev" />""", "");

        AssertRefused(xml, "ev", eventType, fragment);
    }

    [Theory]
    [InlineData("<signalEventDefinition signalRef=\"sig\" />", "signal events are not supported")]
    [InlineData("<conditionalEventDefinition><condition>${x}</condition></conditionalEventDefinition>", "conditional events are not supported")]
    [InlineData("<compensateEventDefinition />", "compensation is not supported")]
    [InlineData("<cancelEventDefinition />", "cancel events are not supported")]
    [InlineData("", "has no event definition; a boundary event needs a timer, message, error or escalation trigger")]
    public void A_boundary_event_with_an_unsupported_trigger_is_refused(string definition, string fragment)
    {
        var xml = Process($"""
                <startEvent id="s" />
                <userTask id="t" />
                <boundaryEvent id="b" attachedToRef="t">{definition}</boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            """, Messages);

        AssertOnlyRefusal(xml, "b", "boundaryEvent", fragment);
    }

    [Fact]
    public void A_multi_instance_activity_is_refused_at_its_loop_characteristics()
    {
        var xml = Between("""
            <userTask id="approve">
              <multiInstanceLoopCharacteristics isSequential="false" camunda:collection="${approvers}" />
            </userTask>
            """, "approve");

        AssertRefused(xml, "approve", "userTask", "multi-instance activities are not supported; use a parallel gateway",
            lineFragment: "<multiInstanceLoopCharacteristics");
    }

    [Fact]
    public void A_loop_activity_is_refused()
    {
        var xml = Between("""
            <task id="retry">
              <standardLoopCharacteristics testBefore="false" />
            </task>
            """, "retry");

        AssertRefused(xml, "retry", "task", "loop activities are not supported; loop back through an exclusive gateway",
            lineFragment: "<standardLoopCharacteristics");
    }

    [Fact]
    public void A_task_listener_is_refused()
    {
        var xml = Between("""
            <userTask id="approve">
              <extensionElements>
                <camunda:taskListener event="create" class="com.acme.Notify" />
              </extensionElements>
            </userTask>
            """, "approve");

        AssertRefused(xml, "approve", "userTask", "has camunda:taskListener: listeners are not supported",
            lineFragment: "<camunda:taskListener");
    }

    [Fact]
    public void An_execution_listener_is_refused_on_a_node_a_flow_and_a_process()
    {
        var xml = Process("""
                <extensionElements>
                  <camunda:executionListener event="start" expression="${audit.start()}" />
                </extensionElements>
                <startEvent id="s" />
                <endEvent id="e">
                  <extensionElements><camunda:executionListener event="end" class="com.acme.Audit" /></extensionElements>
                </endEvent>
                <sequenceFlow id="f1" sourceRef="s" targetRef="e">
                  <extensionElements><camunda:executionListener event="take" delegateExpression="${audit}" /></extensionElements>
                </sequenceFlow>
            """);

        AssertRefused(xml, "e", "endEvent", "has camunda:executionListener: listeners are not supported", lineFragment: "class=\"com.acme.Audit\"");
        AssertRefused(xml, "f1", "sequenceFlow", "listeners are not supported", lineFragment: "event=\"take\"");
        AssertRefused(xml, "p", "process", "listeners are not supported", lineFragment: "event=\"start\"");
    }

    [Fact]
    public void Input_output_mappings_on_a_user_task_are_refused()
    {
        var xml = Between("""
            <userTask id="approve">
              <extensionElements>
                <camunda:inputOutput><camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput>
              </extensionElements>
            </userTask>
            """, "approve");

        AssertRefused(xml, "approve", "userTask", "camunda:inputOutput, which is only supported on service and send tasks",
            lineFragment: "<camunda:inputOutput");
    }

    [Fact]
    public void A_default_flow_on_a_task_is_refused_pointing_to_an_exclusive_gateway()
    {
        var xml = Between("""<task id="t" default="f2" />""", "t");

        AssertRefused(xml, "t", "task", "default sequence flow, which is only supported on exclusive gateways; put an exclusive gateway after it");
    }

    [Fact]
    public void An_instantiating_event_based_gateway_is_refused()
    {
        var xml = Between("""<eventBasedGateway id="g" instantiate="true" />""", "g");

        AssertRefused(xml, "g", "eventBasedGateway", "instantiating or parallel event-based gateways are not supported");
    }

    [Fact]
    public void An_error_start_event_at_process_level_is_refused()
    {
        var xml = Process("""
                <startEvent id="s"><errorEventDefinition /></startEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
            """);

        AssertOnlyRefusal(xml, "s", "startEvent", "error start events are not supported; use a none, message or timer start event");
    }
}
