using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Embedded subprocesses: children carry the subprocess as parent, at any depth.</summary>
public sealed class SubProcessTests
{
    private const string Nested = """
            <startEvent id="s" />
            <subProcess id="outer" name="Repair">
              <startEvent id="outerStart" />
              <subProcess id="inner">
                <startEvent id="innerStart" />
                <userTask id="fix" />
                <endEvent id="innerEnd" />
                <sequenceFlow id="i1" sourceRef="innerStart" targetRef="fix" />
                <sequenceFlow id="i2" sourceRef="fix" targetRef="innerEnd" />
              </subProcess>
              <endEvent id="outerEnd" />
              <sequenceFlow id="o1" sourceRef="outerStart" targetRef="inner" />
              <sequenceFlow id="o2" sourceRef="inner" targetRef="outerEnd" />
            </subProcess>
            <endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="outer" />
            <sequenceFlow id="f2" sourceRef="outer" targetRef="e" />
        """;

    [Fact]
    public void Nested_subprocess_children_carry_their_parent()
    {
        var model = Parsed(Process(Nested));

        Assert.IsType<SubProcessNode>(model.Node("outer"));
        Assert.Null(model.Node("outer").ParentId);
        Assert.Equal("outer", model.Node("inner").ParentId);
        Assert.Equal("outer", model.Node("outerStart").ParentId);
        Assert.Equal("inner", model.Node("fix").ParentId);
        Assert.Equal(["innerStart", "fix", "innerEnd"], model.ChildrenOf("inner").Select(n => n.Id));
        Assert.Equal("innerStart", Assert.Single(model.StartEventsOf("inner")).Id);
        Assert.Equal("s", model.NoneStartEvent?.Id);
    }

    [Fact]
    public void A_sequence_flow_crossing_a_subprocess_boundary_is_refused()
    {
        var xml = Process(Nested.Replace("""<sequenceFlow id="f2" sourceRef="outer" targetRef="e" />""",
            """<sequenceFlow id="f2" sourceRef="outer" targetRef="e" /><sequenceFlow id="jump" sourceRef="fix" targetRef="e" />"""));

        AssertRefused(xml, "jump", "sequenceFlow", "crosses a subprocess boundary from user task 'fix' to end event 'e'");
    }

    [Fact]
    public void A_subprocess_without_a_start_event_is_refused()
    {
        var xml = Linear("""
            <subProcess id="sub">
              <task id="t" />
            </subProcess>
            """, "sub");

        AssertRefused(xml, "sub", "subProcess", "Subprocess 'sub' has no start event; add one none start event");
    }

    [Fact]
    public void A_subprocess_with_two_start_events_is_refused()
    {
        var xml = Linear("""
            <subProcess id="sub">
              <startEvent id="a" />
              <startEvent id="b" />
              <endEvent id="end" />
              <sequenceFlow id="x1" sourceRef="a" targetRef="end" />
              <sequenceFlow id="x2" sourceRef="b" targetRef="end" />
            </subProcess>
            """, "sub");

        AssertRefused(xml, "sub", "subProcess", "has 2 start events; keep exactly one none start event");
    }

    [Fact]
    public void A_timer_start_event_inside_a_subprocess_is_refused()
    {
        var xml = Linear("""
            <subProcess id="sub">
              <startEvent id="subStart"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></startEvent>
            </subProcess>
            """, "sub");

        AssertRefused(xml, "subStart", "startEvent", "in subprocess 'sub' has a timer trigger; a subprocess starts with a none start event");
    }

    [Fact]
    public void An_event_subprocess_is_refused()
    {
        var xml = Linear("""
            <subProcess id="onCancel" triggeredByEvent="true">
              <startEvent id="cancelStart"><messageEventDefinition messageRef="m" /></startEvent>
            </subProcess>
            <task id="t" />
            """, "t");

        AssertRefused(xml, "onCancel", "subProcess", "event subprocesses are not supported; use boundary events");
    }
}
