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
    public void Interrupting_a_subprocess_cancels_the_user_task_inside_it_and_the_boundary_timers_of_both()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <subProcess id="repair">
              <startEvent id="rs" /><userTask id="fix" /><endEvent id="re" />
              <boundaryEvent id="fixLate" attachedToRef="fix" cancelActivity="false"><timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition></boundaryEvent>
              <userTask id="chase" />
              <sequenceFlow id="r1" sourceRef="rs" targetRef="fix" />
              <sequenceFlow id="r2" sourceRef="fix" targetRef="re" />
              <sequenceFlow id="r3" sourceRef="fixLate" targetRef="chase" />
            </subProcess>
            <boundaryEvent id="turnaround" attachedToRef="repair" cancelActivity="false"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></boundaryEvent>
            <boundaryEvent id="recall" attachedToRef="repair"><messageEventDefinition messageRef="m" /></boundaryEvent>
            <userTask id="escalate" /><userTask id="returnParts" />
            """, "start -> repair; turnaround -> escalate; recall -> returnParts", """<message id="m" name="recalled" />""");
        var sim = Simulation.Start(model);
        var fix = sim.Task("fix").TaskId;
        var timers = sim.PendingTimers.Values.Select(t => (t.SubscriptionId, t.ElementId)).OrderBy(t => t.ElementId).ToList();
        Assert.Equal(["fixLate", "turnaround"], timers.Select(t => t.ElementId));

        var recalled = sim.SendMessage("recalled");

        Assert.Contains(new CancelUserTask(fix, "fix"), recalled.Commands);
        Assert.Equal(timers, recalled.Commands.OfType<CancelTimer>().Select(c => (c.SubscriptionId, c.ElementId)).OrderBy(t => t.ElementId));
        Assert.Equal(["fix", "repair"], recalled.Commands.OfType<ElementLeft>().Where(l => l.Interrupted).Select(l => l.ElementId));
        Assert.Equal(["returnParts"], sim.OpenTasks.Values.Select(t => t.ElementId));
        Assert.Empty(sim.State.Scopes);
        Assert.Empty(sim.State.Subscriptions);
    }

    [Fact]
    public void Cancelling_the_instance_withdraws_the_waits_of_an_event_gateway_and_a_join_inside_a_subprocess()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <subProcess id="sub">
              <startEvent id="ss" /><parallelGateway id="fork" /><userTask id="a" /><parallelGateway id="join" />
              <eventBasedGateway id="which" />
              <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
              <intermediateCatchEvent id="answer"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
              <endEvent id="se" />
              <sequenceFlow id="s1" sourceRef="ss" targetRef="fork" />
              <sequenceFlow id="s2" sourceRef="fork" targetRef="join" />
              <sequenceFlow id="s3" sourceRef="fork" targetRef="a" />
              <sequenceFlow id="s4" sourceRef="a" targetRef="join" />
              <sequenceFlow id="s5" sourceRef="join" targetRef="se" />
              <sequenceFlow id="s6" sourceRef="fork" targetRef="which" />
              <sequenceFlow id="s7" sourceRef="which" targetRef="wait" />
              <sequenceFlow id="s8" sourceRef="which" targetRef="answer" />
            </subProcess>
            """, "start -> sub", """<message id="m" name="answered" />""");
        var sim = Simulation.Start(model);
        var timer = Assert.Single(sim.PendingTimers.Values);
        var message = Assert.Single(sim.MessageWaits.Values);

        var cancelled = sim.Cancel();

        Assert.Contains(new CancelTimer(timer.SubscriptionId, "wait"), cancelled.Commands);
        Assert.Contains(new CancelMessageSubscription(message.SubscriptionId, "answer"), cancelled.Commands);
        Assert.Equal(["a", "join", "sub", "which"],
            cancelled.Commands.OfType<ElementLeft>().Where(l => l.Interrupted).Select(l => l.ElementId).Order());
        Assert.Empty(sim.State.Tokens);
        Assert.Empty(sim.State.Scopes);
        Assert.Equal(InstanceStatus.Cancelled, sim.State.Status);
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
