using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Deploy-time rules about how elements connect; every problem of a file is reported at once.</summary>
public sealed class StructureRuleTests
{
    [Fact]
    public void Two_elements_with_the_same_id_are_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <task id="t" />
                <userTask id="t" name="second" />
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            """);

        AssertRefused(xml, "t", "userTask", "reuses the id of task 't' on line", lineFragment: "name=\"second\"");
    }

    [Fact]
    public void A_sequence_flow_to_an_unknown_element_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="nowhere" />
            """);

        AssertRefused(xml, "f1", "sequenceFlow", "ends at 'nowhere', which is not a flow node of process 'p'");
    }

    [Fact]
    public void A_sequence_flow_from_an_unknown_element_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <endEvent id="e" />
                <sequenceFlow id="f0" sourceRef="s" targetRef="e" />
                <sequenceFlow id="f1" sourceRef="ghost" targetRef="e" />
            """);

        AssertRefused(xml, "f1", "sequenceFlow", "starts at 'ghost', which is not a flow node of process 'p'");
    }

    [Fact]
    public void A_sequence_flow_without_a_target_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" />
            """);

        AssertRefused(xml, "f1", "sequenceFlow", "has no targetRef");
    }

    [Fact]
    public void A_sequence_flow_without_an_id_gets_one_from_its_ends_with_a_warning()
    {
        var result = Parse(Process("""
                <startEvent id="s" />
                <endEvent id="e" />
                <sequenceFlow sourceRef="s" targetRef="e" />
            """));

        Assert.True(result.Success);
        Assert.Equal("s_to_e", Assert.Single(result.Processes[0].Flows).Id);
        AssertWarning(result, "s_to_e", "has no id");
    }

    [Fact]
    public void A_flow_node_without_an_id_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <task name="anonymous" />
            """);

        var error = Assert.Single(Parse(xml).Errors);
        Assert.Null(error.ElementId);
        Assert.Equal("task", error.ElementType);
        Assert.Equal(LineOf(xml, "anonymous"), error.Line);
    }

    [Fact]
    public void A_process_without_a_start_event_is_refused()
    {
        var xml = Process("""
                <task id="t" />
            """);

        AssertRefused(xml, "p", "process", "Process 'p' has no start event", lineFragment: "<process id=\"p\"");
    }

    [Fact]
    public void Two_none_start_events_at_process_level_are_refused()
    {
        var xml = Process("""
                <startEvent id="byPhone" />
                <startEvent id="byMail" />
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="byPhone" targetRef="e" />
                <sequenceFlow id="f2" sourceRef="byMail" targetRef="e" />
            """);

        AssertRefused(xml, "byMail", "startEvent", "more than one none start event ('byPhone' and 'byMail')");
    }

    [Fact]
    public void A_none_start_event_next_to_a_message_start_event_is_fine()
    {
        var xml = Process("""
                <startEvent id="byPhone" />
                <startEvent id="byMail"><messageEventDefinition messageRef="m" /></startEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="byPhone" targetRef="e" />
                <sequenceFlow id="f2" sourceRef="byMail" targetRef="e" />
            """, """<message id="m" name="ticket-mail" />""");

        Assert.Equal(2, Parsed(xml).StartEventsOf("").Count());
    }

    [Fact]
    public void A_node_without_incoming_flow_is_reported_as_unreachable_with_a_warning()
    {
        var result = Parse(Process("""
                <startEvent id="s" />
                <endEvent id="e" />
                <task id="orphan" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <sequenceFlow id="f2" sourceRef="orphan" targetRef="e" />
            """));

        Assert.True(result.Success);
        var warning = AssertWarning(result, "orphan", "has no incoming sequence flow; it can never be reached");
        Assert.Equal("task", warning.ElementType);
    }

    [Fact]
    public void A_flow_into_a_start_event_and_out_of_an_end_event_are_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <sequenceFlow id="back" sourceRef="e" targetRef="s" />
            """);

        AssertRefused(xml, "s", "startEvent", "has an incoming sequence flow");
        AssertRefused(xml, "e", "endEvent", "has an outgoing sequence flow");
    }

    [Fact]
    public void A_boundary_event_attached_to_a_gateway_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <exclusiveGateway id="g" />
                <boundaryEvent id="b" attachedToRef="g"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="g" />
                <sequenceFlow id="f2" sourceRef="g" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            """);

        AssertRefused(xml, "b", "boundaryEvent", "is attached to exclusive gateway 'g'; boundary events can only be attached to tasks and subprocesses");
    }

    [Fact]
    public void A_boundary_event_attached_to_an_unknown_activity_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <boundaryEvent id="b" attachedToRef="missing"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            """);

        AssertRefused(xml, "b", "boundaryEvent", "is attached to 'missing', which is not an activity of process 'p'");
    }

    [Fact]
    public void A_boundary_event_outside_the_scope_of_its_activity_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <subProcess id="sub">
                  <startEvent id="ss" />
                  <userTask id="inner" />
                  <endEvent id="se" />
                  <sequenceFlow id="s1" sourceRef="ss" targetRef="inner" />
                  <sequenceFlow id="s2" sourceRef="inner" targetRef="se" />
                </subProcess>
                <boundaryEvent id="b" attachedToRef="inner"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
                <sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            """);

        AssertRefused(xml, "b", "boundaryEvent", "is attached to user task 'inner' in another scope");
    }

    [Fact]
    public void A_boundary_event_without_outgoing_flow_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <userTask id="t" />
                <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            """);

        AssertRefused(xml, "b", "boundaryEvent", "Boundary event 'b' has no outgoing sequence flow");
    }

    [Fact]
    public void A_boundary_event_without_attachedToRef_is_refused()
    {
        var xml = Process("""
                <startEvent id="s" />
                <boundaryEvent id="b"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            """);

        AssertRefused(xml, "b", "boundaryEvent", "is not attached to an activity; set attachedToRef");
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var xml = Process("""
                <startEvent id="s" />
                <callActivity id="call" />
                <inclusiveGateway id="or" />
                <exclusiveGateway id="xor" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="call" />
                <sequenceFlow id="f2" sourceRef="call" targetRef="or" />
                <sequenceFlow id="f3" sourceRef="or" targetRef="xor" />
                <sequenceFlow id="f4" sourceRef="xor" targetRef="nowhere" />
            """);

        var errors = Parse(xml).Errors.Select(e => e.ElementId).ToList();

        Assert.Equal(["call", "or", "f4"], errors);
    }
}
