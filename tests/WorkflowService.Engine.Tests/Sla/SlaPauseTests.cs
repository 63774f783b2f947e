using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Sla;

/// <summary>slaPause: the SLA clocks around a waiting element stand still while it is active, and keep the total.</summary>
public class SlaPauseTests
{
    private const string Pause = """<extensionElements><camunda:properties><camunda:property name="slaPause" value="true" /></camunda:properties></extensionElements>""";

    private static string Sla(string rule) =>
        $"""<extensionElements><camunda:properties><camunda:property name="sla" value="{rule}" /></camunda:properties></extensionElements>""";

    /// <summary>A repair subprocess with a 10 h SLA: work, wait for parts (pausing), finish.</summary>
    private static Engine.Model.ProcessModel Repair(string partsExtra = "") => TestProcess.Parse($"""
        <startEvent id="start" />
        <subProcess id="repair">
          <startEvent id="rs" />
          <userTask id="work" />
          <userTask id="waitParts">{Pause}</userTask>
          <userTask id="finish" />
          <endEvent id="re" />
          {partsExtra}
          <sequenceFlow id="r1" sourceRef="rs" targetRef="work" />
          <sequenceFlow id="r2" sourceRef="work" targetRef="waitParts" />
          <sequenceFlow id="r3" sourceRef="waitParts" targetRef="finish" />
          <sequenceFlow id="r4" sourceRef="finish" targetRef="re" />
        </subProcess>
        <boundaryEvent id="repairLate" attachedToRef="repair" cancelActivity="false">
          {Sla("repair-time")}
          <timerEventDefinition><timeDuration>PT10H</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <endEvent id="end" /><endEvent id="noted" />
        """, "start -> repair -> end; repairLate -> noted");

    [Fact]
    public void Waiting_for_parts_stops_the_repair_clock_and_it_resumes_with_the_time_it_had_left()
    {
        var sim = Simulation.Start(Repair());
        var armedDue = Assert.Single(sim.PendingTimers.Values).DueAt;
        Assert.Equal(Simulation.Epoch.AddHours(10), armedDue);

        sim.AdvanceBy(TimeSpan.FromHours(2));
        sim.CompleteTask("work");
        var paused = Assert.Single(sim.LastResult.Commands.OfType<PauseTimer>());
        Assert.Equal("repairLate", paused.ElementId);
        Assert.Empty(sim.PendingTimers);
        Assert.Equal(TimeSpan.FromHours(8), Assert.Single(sim.PausedTimers.Values).Left);
        Assert.True(Assert.Single(sim.State.Subscriptions).Paused);

        sim.AdvanceBy(TimeSpan.FromHours(30));
        Assert.Empty(sim.Breaches);

        sim.CompleteTask("waitParts");
        Assert.Single(sim.LastResult.Commands.OfType<ResumeTimer>());
        Assert.False(Assert.Single(sim.State.Subscriptions).Paused);
        Assert.Equal(sim.Now.AddHours(8), Assert.Single(sim.PendingTimers.Values).DueAt);

        sim.AdvanceBy(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Empty(sim.Breaches);
        sim.AdvanceBy(TimeSpan.FromSeconds(1));
        var breach = Assert.Single(sim.Breaches);
        // 2 h before the pause + 8 h after it: the 10 h of the rule, with the 30 h of waiting left out.
        Assert.Equal(Simulation.Epoch.AddHours(2 + 30 + 10 - 2), breach.DueAt);
    }

    [Fact]
    public void A_firing_that_reaches_a_paused_timer_is_ignored()
    {
        var sim = Simulation.Start(Repair());
        sim.CompleteTask("work");
        var id = Assert.Single(sim.PausedTimers.Keys);

        var result = sim.Handle(new TimerFired(id) { At = sim.Now.AddHours(11) });

        Assert.Contains("paused", result.IgnoredReason);
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void Two_pausing_tasks_in_parallel_keep_the_clock_stopped_until_both_are_done()
    {
        var sim = Simulation.Start(TestProcess.Parse($"""
            <startEvent id="start" />
            <subProcess id="repair">
              <startEvent id="rs" /><parallelGateway id="fork" /><parallelGateway id="join" />
              <userTask id="askCustomer">{Pause}</userTask>
              <userTask id="waitParts">{Pause}</userTask>
              <endEvent id="re" />
              <sequenceFlow id="r1" sourceRef="rs" targetRef="fork" />
              <sequenceFlow id="r2" sourceRef="fork" targetRef="askCustomer" />
              <sequenceFlow id="r3" sourceRef="fork" targetRef="waitParts" />
              <sequenceFlow id="r4" sourceRef="askCustomer" targetRef="join" />
              <sequenceFlow id="r5" sourceRef="waitParts" targetRef="join" />
              <sequenceFlow id="r6" sourceRef="join" targetRef="re" />
            </subProcess>
            <boundaryEvent id="repairLate" attachedToRef="repair" cancelActivity="false">
              {Sla("repair-time")}
              <timerEventDefinition><timeDuration>PT10H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="end" /><endEvent id="noted" />
            """, "start -> repair -> end; repairLate -> noted"));
        Assert.Single(sim.PausedTimers);

        sim.AdvanceBy(TimeSpan.FromHours(12));
        sim.CompleteTask("askCustomer");
        Assert.Single(sim.PausedTimers);
        Assert.Empty(sim.LastResult.Commands.OfType<ResumeTimer>());

        sim.CompleteTask("waitParts");
        Assert.Empty(sim.Breaches);
        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void The_pausing_elements_own_reminder_keeps_running_and_a_timer_in_a_sibling_subprocess_too()
    {
        var sim = Simulation.Start(TestProcess.Parse($"""
            <startEvent id="start" /><parallelGateway id="fork" />
            <userTask id="waitParts">{Pause}</userTask>
            <boundaryEvent id="partsLate" attachedToRef="waitParts" cancelActivity="false">
              {Sla("parts-reminder")}
              <timerEventDefinition><timeDuration>PT5H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <subProcess id="visit">
              <startEvent id="vs" /><userTask id="onSite" /><endEvent id="ve" />
              <boundaryEvent id="onSiteLate" attachedToRef="onSite" cancelActivity="false">
                {Sla("on-site")}
                <timerEventDefinition><timeDuration>PT6H</timeDuration></timerEventDefinition>
              </boundaryEvent>
              <endEvent id="vn" />
              <sequenceFlow id="v1" sourceRef="vs" targetRef="onSite" />
              <sequenceFlow id="v2" sourceRef="onSite" targetRef="ve" />
              <sequenceFlow id="v3" sourceRef="onSiteLate" targetRef="vn" />
            </subProcess>
            <endEvent id="e1" /><endEvent id="e2" /><endEvent id="noted" />
            """, "start -> fork -> waitParts -> e1; fork -> visit -> e2; partsLate -> noted"));

        Assert.Empty(sim.PausedTimers);
        sim.AdvanceBy(TimeSpan.FromHours(7));

        Assert.Equal(["parts-reminder", "on-site"], sim.Breaches.Select(b => b.Rule).ToArray());
    }

    [Fact]
    public void Cancelling_the_instance_cancels_a_paused_timer()
    {
        var sim = Simulation.Start(Repair());
        sim.CompleteTask("work");
        Assert.Single(sim.PausedTimers);

        sim.Cancel();

        Assert.Empty(sim.PausedTimers);
        Assert.Single(sim.LastResult.Commands.OfType<CancelTimer>());
    }

    [Fact]
    public void A_process_without_slaPause_never_pauses()
    {
        var sim = Simulation.Start(Repair().WithoutPause());
        sim.CompleteTask("work");
        Assert.Empty(sim.PausedTimers);
        sim.AdvanceBy(TimeSpan.FromHours(10));
        Assert.Single(sim.Breaches);
    }
}

internal static class PauseModels
{
    /// <summary>The same process with the pause removed from every element.</summary>
    public static Engine.Model.ProcessModel WithoutPause(this Engine.Model.ProcessModel model) =>
        new(model.Key, model.Name, model.Nodes.Select(n => n with { Properties = n.Properties.Remove("slaPause") }), model.Flows);
}
