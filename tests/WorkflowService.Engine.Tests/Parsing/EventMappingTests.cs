using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Start, end, intermediate and boundary events become nodes with the trigger they wait for or throw.</summary>
public sealed class EventMappingTests
{
    private const string Definitions = """
          <message id="Message_1" name="parts-arrived" />
          <message id="Message_unnamed" />
          <error id="Error_1" name="No warranty" errorCode="NO_WARRANTY" />
          <error id="Error_noCode" name="Broken" />
          <escalation id="Escalation_1" name="Late" escalationCode="LATE" />
        """;

    [Fact]
    public void A_start_event_without_a_definition_is_a_none_start_event_with_its_initiator_variable()
    {
        var start = Node<StartEventNode>(Linear("""<task id="t" />""", "t").Replace("""<startEvent id="s" />""",
            """<startEvent id="s" camunda:initiator="reporter" camunda:formKey="embedded:start.html" />"""), "s");

        Assert.IsType<NoneTrigger>(start.Trigger);
        Assert.Equal("reporter", start.InitiatorVariable);
    }

    [Fact]
    public void A_message_start_event_carries_the_message_name()
    {
        var model = Parsed(Process("""
                <startEvent id="byMail"><messageEventDefinition messageRef="Message_1" /></startEvent>
                <sequenceFlow id="f" sourceRef="byMail" targetRef="e" />
                <endEvent id="e" />
            """, Definitions));

        Assert.Equal(new MessageTrigger("parts-arrived"), Assert.IsType<StartEventNode>(model.Node("byMail")).Trigger);
        Assert.Null(model.NoneStartEvent);
    }

    [Fact]
    public void A_message_without_a_name_is_known_by_its_id()
    {
        var model = Parsed(Process("""
                <startEvent id="byMail"><messageEventDefinition messageRef="Message_unnamed" /></startEvent>
                <sequenceFlow id="f" sourceRef="byMail" targetRef="e" />
                <endEvent id="e" />
            """, Definitions));

        Assert.Equal(new MessageTrigger("Message_unnamed"), Assert.IsType<StartEventNode>(model.Node("byMail")).Trigger);
    }

    [Fact]
    public void A_timer_start_event_carries_its_timer()
    {
        var model = Parsed(Process("""
                <startEvent id="nightly"><timerEventDefinition><timeCycle>R/2025-01-06T02:00:00Z/P1D</timeCycle></timerEventDefinition></startEvent>
                <sequenceFlow id="f" sourceRef="nightly" targetRef="e" />
                <endEvent id="e" />
            """));

        Assert.Equal(new TimerTrigger(new TimerDefinition(TimerKind.Cycle, "R/2025-01-06T02:00:00Z/P1D")),
            Assert.IsType<StartEventNode>(model.Node("nightly")).Trigger);
    }

    [Fact]
    public void End_events_map_none_terminate_error_and_escalation()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <parallelGateway id="fork" />
                <endEvent id="done" />
                <endEvent id="kill"><terminateEventDefinition /></endEvent>
                <endEvent id="fail"><errorEventDefinition errorRef="Error_1" /></endEvent>
                <endEvent id="failNoCode"><errorEventDefinition errorRef="Error_noCode" /></endEvent>
                <endEvent id="escalate"><escalationEventDefinition escalationRef="Escalation_1" /></endEvent>
                <sequenceFlow id="f0" sourceRef="s" targetRef="fork" />
                <sequenceFlow id="f1" sourceRef="fork" targetRef="done" />
                <sequenceFlow id="f2" sourceRef="fork" targetRef="kill" />
                <sequenceFlow id="f3" sourceRef="fork" targetRef="fail" />
                <sequenceFlow id="f4" sourceRef="fork" targetRef="failNoCode" />
                <sequenceFlow id="f5" sourceRef="fork" targetRef="escalate" />
            """, Definitions));

        EventTrigger TriggerOf(string id) => Assert.IsType<EndEventNode>(model.Node(id)).Trigger;
        Assert.IsType<NoneTrigger>(TriggerOf("done"));
        Assert.IsType<TerminateTrigger>(TriggerOf("kill"));
        Assert.Equal(new ErrorTrigger("NO_WARRANTY"), TriggerOf("fail"));
        Assert.Equal(new ErrorTrigger("Broken"), TriggerOf("failNoCode"));
        Assert.Equal(new EscalationTrigger("LATE"), TriggerOf("escalate"));
    }

    [Fact]
    public void Intermediate_catch_events_wait_for_a_timer_or_a_message()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration> PT4H </timeDuration></timerEventDefinition></intermediateCatchEvent>
                <intermediateCatchEvent id="parts"><messageEventDefinition messageRef="Message_1" /></intermediateCatchEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
                <sequenceFlow id="f2" sourceRef="wait" targetRef="parts" />
                <sequenceFlow id="f3" sourceRef="parts" targetRef="e" />
            """, Definitions));

        Assert.Equal(new TimerTrigger(new TimerDefinition(TimerKind.Duration, "PT4H")),
            Assert.IsType<IntermediateCatchEventNode>(model.Node("wait")).Trigger);
        Assert.Equal(new MessageTrigger("parts-arrived"), Assert.IsType<IntermediateCatchEventNode>(model.Node("parts")).Trigger);
    }

    [Fact]
    public void Intermediate_throw_events_are_none_or_escalation()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <intermediateThrowEvent id="milestone" name="Diagnosed" />
                <intermediateThrowEvent id="tellManager"><escalationEventDefinition escalationRef="Escalation_1" /></intermediateThrowEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="milestone" />
                <sequenceFlow id="f2" sourceRef="milestone" targetRef="tellManager" />
                <sequenceFlow id="f3" sourceRef="tellManager" targetRef="e" />
            """, Definitions));

        Assert.IsType<NoneTrigger>(Assert.IsType<IntermediateThrowEventNode>(model.Node("milestone")).Trigger);
        Assert.Equal(new EscalationTrigger("LATE"), Assert.IsType<IntermediateThrowEventNode>(model.Node("tellManager")).Trigger);
    }

    [Fact]
    public void Boundary_events_map_timer_message_error_and_escalation_and_catch_all_without_a_reference()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <userTask id="repair" />
                <boundaryEvent id="late" attachedToRef="repair" cancelActivity="false">
                  <timerEventDefinition><timeDate>2030-01-01T09:00:00Z</timeDate></timerEventDefinition>
                </boundaryEvent>
                <boundaryEvent id="cancelled" attachedToRef="repair"><messageEventDefinition messageRef="Message_1" /></boundaryEvent>
                <boundaryEvent id="noWarranty" attachedToRef="repair"><errorEventDefinition errorRef="Error_1" /></boundaryEvent>
                <boundaryEvent id="anyError" attachedToRef="repair"><errorEventDefinition /></boundaryEvent>
                <boundaryEvent id="escalated" attachedToRef="repair" cancelActivity="false"><escalationEventDefinition escalationRef="Escalation_1" /></boundaryEvent>
                <boundaryEvent id="anyEscalation" attachedToRef="repair"><escalationEventDefinition /></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="repair" />
                <sequenceFlow id="f2" sourceRef="repair" targetRef="e" />
                <sequenceFlow id="b1" sourceRef="late" targetRef="e" />
                <sequenceFlow id="b2" sourceRef="cancelled" targetRef="e" />
                <sequenceFlow id="b3" sourceRef="noWarranty" targetRef="e" />
                <sequenceFlow id="b4" sourceRef="anyError" targetRef="e" />
                <sequenceFlow id="b5" sourceRef="escalated" targetRef="e" />
                <sequenceFlow id="b6" sourceRef="anyEscalation" targetRef="e" />
            """, Definitions));

        BoundaryEventNode Boundary(string id) => Assert.IsType<BoundaryEventNode>(model.Node(id));
        Assert.Equal(new TimerTrigger(new TimerDefinition(TimerKind.Date, "2030-01-01T09:00:00Z")), Boundary("late").Trigger);
        Assert.False(Boundary("late").CancelActivity);
        Assert.Equal("repair", Boundary("late").AttachedToId);
        Assert.Equal(new MessageTrigger("parts-arrived"), Boundary("cancelled").Trigger);
        Assert.True(Boundary("cancelled").CancelActivity);
        Assert.Equal(new ErrorTrigger("NO_WARRANTY"), Boundary("noWarranty").Trigger);
        Assert.Equal(new ErrorTrigger(null), Boundary("anyError").Trigger);
        Assert.Equal(new EscalationTrigger("LATE"), Boundary("escalated").Trigger);
        Assert.Equal(new EscalationTrigger(null), Boundary("anyEscalation").Trigger);
        Assert.Equal(6, model.BoundaryEventsOf("repair").Length);
    }

    [Fact]
    public void A_non_interrupting_error_boundary_event_interrupts_with_a_warning()
    {
        var result = Parse(Process("""
                <startEvent id="s" />
                <userTask id="repair" />
                <boundaryEvent id="failed" attachedToRef="repair" cancelActivity="false"><errorEventDefinition /></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="repair" />
                <sequenceFlow id="f2" sourceRef="repair" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="failed" targetRef="e" />
            """));

        Assert.True(result.Success);
        Assert.True(Assert.IsType<BoundaryEventNode>(result.Processes[0].Node("failed")).CancelActivity);
        AssertWarning(result, "failed", "always interrupts");
    }

    [Fact]
    public void An_event_definition_referenced_by_id_is_resolved()
    {
        var model = Parsed(Process("""
                <startEvent id="s" />
                <intermediateCatchEvent id="wait"><eventDefinitionRef>sharedTimer</eventDefinitionRef></intermediateCatchEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
                <sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            """, """<timerEventDefinition id="sharedTimer"><timeDuration>PT1H</timeDuration></timerEventDefinition>"""));

        Assert.Equal(new TimerTrigger(new TimerDefinition(TimerKind.Duration, "PT1H")),
            Assert.IsType<IntermediateCatchEventNode>(model.Node("wait")).Trigger);
    }
}
