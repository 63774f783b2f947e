using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Sla;

/// <summary>An SLA cycle that comes due several times while the service is down records every missed firing.</summary>
public class MissedCycleTests
{
    private static Engine.Model.ProcessModel Reminder(string cycle, bool sla = true) => TestProcess.Parse($"""
        <startEvent id="start" /><userTask id="callBack" /><endEvent id="end" />
        <boundaryEvent id="remind" attachedToRef="callBack" cancelActivity="false">
          {(sla ? """<extensionElements><camunda:properties><camunda:property name="sla" value="call-back" /></camunda:properties></extensionElements>""" : "")}
          <timerEventDefinition><timeCycle>{cycle}</timeCycle></timerEventDefinition>
        </boundaryEvent>
        <userTask id="noted" /><endEvent id="end2" />
        """, "start -> callBack -> end; remind -> noted -> end2");

    /// <summary>The host was down from the first due time until 3 h 30 min: the firing arrives late, once.</summary>
    private static StepResult FireLate(Simulation sim)
    {
        var timer = Assert.Single(sim.PendingTimers.Values);
        return sim.Handle(new TimerFired(timer.SubscriptionId) { At = Simulation.Epoch.AddHours(3.5), DueAt = timer.DueAt });
    }

    [Fact]
    public void A_bounded_cycle_records_each_missed_firing_with_its_own_due_time_and_its_path_runs_once()
    {
        var sim = Simulation.Start(Reminder("R3/PT1H"));

        var result = FireLate(sim);

        var breaches = result.Commands.OfType<RecordBreach>().ToList();
        Assert.Equal([1, 2, 3], breaches.Select(b => (b.DueAt - Simulation.Epoch).TotalHours).ToArray());
        Assert.All(breaches, b => Assert.Equal(Simulation.Epoch.AddHours(3.5), b.DetectedAt));
        Assert.Single(result.Commands.OfType<CreateUserTask>(), t => t.ElementId == "noted");
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void An_unbounded_cycle_records_the_missed_firings_and_goes_on_from_the_next_one_ahead()
    {
        var sim = Simulation.Start(Reminder("R/PT1H"));

        var result = FireLate(sim);

        Assert.Equal(3, result.Commands.OfType<RecordBreach>().Count());
        var next = Assert.Single(sim.PendingTimers.Values);
        Assert.Equal(Simulation.Epoch.AddHours(4), next.DueAt);
        Assert.Equal(Simulation.Epoch.AddHours(3), next.CountFrom);
        Assert.Equal("PT1H", next.Span);
    }

    [Fact]
    public void A_cycle_without_an_sla_rule_fires_once_and_records_nothing()
    {
        var sim = Simulation.Start(Reminder("R/PT1H", sla: false));

        var result = FireLate(sim);

        Assert.Empty(result.Commands.OfType<RecordBreach>());
        Assert.Equal(Simulation.Epoch.AddHours(4), Assert.Single(sim.PendingTimers.Values).DueAt);
    }

    [Fact]
    public void On_time_firings_record_one_breach_each()
    {
        var sim = Simulation.Start(Reminder("R3/PT1H"));

        sim.AdvanceBy(TimeSpan.FromHours(5));

        Assert.Equal([1, 2, 3], sim.Breaches.Select(b => (b.DueAt - Simulation.Epoch).TotalHours).ToArray());
        Assert.Equal(3, sim.OpenTasks.Values.Count(t => t.ElementId == "noted"));
    }

    [Fact]
    public void A_timer_fired_for_a_later_due_time_than_it_was_armed_with_breaches_at_that_time()
    {
        var sim = Simulation.Start(Reminder("R1/PT1H"));
        var timer = Assert.Single(sim.PendingTimers.Values);
        var moved = timer.DueAt.AddHours(5);

        Assert.True(sim.Handle(new TimerFired(timer.SubscriptionId) { At = moved.AddSeconds(-1), DueAt = moved }).Ignored);
        sim.Handle(new TimerFired(timer.SubscriptionId) { At = moved, DueAt = moved });

        Assert.Equal(moved, Assert.Single(sim.Breaches).DueAt);
    }
}
