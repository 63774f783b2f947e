using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class SubProcessTests
{
    private static readonly Engine.Model.ProcessModel Repair = TestProcess.Parse("""
        <startEvent id="start" />
        <subProcess id="repair">
          <startEvent id="repairStart" />
          <userTask id="book" />
          <userTask id="fix" />
          <endEvent id="repairEnd" />
          <sequenceFlow id="r1" sourceRef="repairStart" targetRef="book" />
          <sequenceFlow id="r2" sourceRef="book" targetRef="fix" />
          <sequenceFlow id="r3" sourceRef="fix" targetRef="repairEnd" />
        </subProcess>
        <boundaryEvent id="turnaround" attachedToRef="repair" cancelActivity="false">
          <timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <userTask id="escalate" />
        <userTask id="accept" />
        """, "start -> repair -> accept; turnaround -> escalate");

    [Fact]
    public void A_subprocess_runs_its_own_scope_and_completes_when_its_last_token_ends()
    {
        var sim = Simulation.Start(Repair);
        Assert.True(sim.HasTask("book"));
        Assert.Single(sim.State.Scopes);
        Assert.Contains("repair", sim.State.ActiveElementIds);

        sim.CompleteTask("book");
        sim.CompleteTask("fix");

        Assert.True(sim.HasTask("accept"));
        Assert.Empty(sim.State.Scopes);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void A_non_interrupting_timer_on_a_subprocess_leaves_its_work_running()
    {
        var sim = Simulation.Start(Repair);

        sim.AdvanceBy(TimeSpan.FromDays(1));

        Assert.True(sim.HasTask("escalate"));
        Assert.True(sim.HasTask("book"));
    }

    [Fact]
    public void An_interrupting_timer_on_a_subprocess_cancels_everything_inside()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <subProcess id="outer">
              <startEvent id="os" /><parallelGateway id="fork" />
              <userTask id="a" />
              <subProcess id="inner"><startEvent id="is" /><userTask id="b" /><sequenceFlow id="i1" sourceRef="is" targetRef="b" /></subProcess>
              <sequenceFlow id="o1" sourceRef="os" targetRef="fork" />
              <sequenceFlow id="o2" sourceRef="fork" targetRef="a" />
              <sequenceFlow id="o3" sourceRef="fork" targetRef="inner" />
            </subProcess>
            <boundaryEvent id="deadline" attachedToRef="outer"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="late" />
            """, "start -> outer; deadline -> late");
        var sim = Simulation.Start(model);
        Assert.Equal(2, sim.State.Scopes.Count);

        sim.AdvanceBy(TimeSpan.FromHours(1));

        Assert.Equal(["late"], sim.OpenTasks.Values.Select(t => t.ElementId));
        Assert.Empty(sim.State.Scopes);
        Assert.Equal(2, sim.Commands.OfType<CancelUserTask>().Count());
    }

    [Fact]
    public void A_terminate_end_event_in_a_subprocess_ends_only_that_subprocess()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="outside" />
            <subProcess id="sub">
              <startEvent id="ss" /><parallelGateway id="sf" /><userTask id="x" /><userTask id="y" />
              <endEvent id="stop"><terminateEventDefinition /></endEvent>
              <sequenceFlow id="s1" sourceRef="ss" targetRef="sf" />
              <sequenceFlow id="s2" sourceRef="sf" targetRef="x" />
              <sequenceFlow id="s3" sourceRef="sf" targetRef="y" />
              <sequenceFlow id="s4" sourceRef="x" targetRef="stop" />
            </subProcess>
            <userTask id="after" />
            """, "start -> fork -> outside; fork -> sub -> after");
        var sim = Simulation.Start(model);

        sim.CompleteTask("x");

        Assert.False(sim.HasTask("y"));
        Assert.True(sim.HasTask("after"));
        Assert.True(sim.HasTask("outside"));
        Assert.Equal(InstanceStatus.Running, sim.State.Status);
    }
}

public class TerminateEndEventTests
{
    [Fact]
    public void A_terminate_end_event_at_process_level_ends_every_other_path()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" />
            <endEvent id="stop"><terminateEventDefinition /></endEvent>
            <boundaryEvent id="t" attachedToRef="b"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <endEvent id="te" />
            """, "start -> fork -> a -> stop; fork -> b; t -> te");
        var sim = Simulation.Start(model);

        sim.CompleteTask("a");

        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.OpenTasks);
        Assert.Empty(sim.PendingTimers);
        Assert.Single(sim.Commands.OfType<InstanceEnded>());
    }
}
