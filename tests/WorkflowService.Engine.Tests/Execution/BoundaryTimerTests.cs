using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class BoundaryTimerTests
{
    private static Engine.Model.ProcessModel TaskWithTimer(string timer, bool interrupting) => TestProcess.Parse($"""
        <startEvent id="start" /><userTask id="work" /><endEvent id="done" />
        <boundaryEvent id="late" attachedToRef="work" cancelActivity="{(interrupting ? "true" : "false")}">
          <timerEventDefinition>{timer}</timerEventDefinition>
        </boundaryEvent>
        <userTask id="remind" />
        """, "start -> work -> done; late -> remind");

    [Fact]
    public void An_interrupting_timer_cancels_the_task_and_takes_its_own_path()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeDuration>PT2H</timeDuration>", interrupting: true));
        Assert.Equal(Simulation.Epoch.AddHours(2), Assert.Single(sim.PendingTimers.Values).DueAt);

        sim.AdvanceBy(TimeSpan.FromHours(2));

        Assert.False(sim.HasTask("work"));
        Assert.True(sim.HasTask("remind"));
        Assert.Contains(sim.Commands, c => c is CancelUserTask { ElementId: "work" });
    }

    [Fact]
    public void A_non_interrupting_timer_keeps_the_task_open()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeDuration>PT2H</timeDuration>", interrupting: false));

        sim.AdvanceBy(TimeSpan.FromHours(2));

        Assert.True(sim.HasTask("work"));
        Assert.True(sim.HasTask("remind"));
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void A_timer_is_cancelled_when_its_task_completes_first()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeDuration>PT2H</timeDuration>", interrupting: true));
        var timer = Assert.Single(sim.PendingTimers.Values);

        sim.CompleteTask("work");
        var late = sim.Handle(new TimerFired(timer.SubscriptionId) { At = sim.Now.AddHours(3) });

        Assert.True(sim.IsCompleted);
        Assert.Contains(sim.Commands, c => c is CancelTimer t && t.SubscriptionId == timer.SubscriptionId);
        Assert.True(late.Ignored);
    }

    [Fact]
    public void A_timer_fired_before_its_due_time_is_ignored()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeDuration>PT2H</timeDuration>", interrupting: true));
        var timer = Assert.Single(sim.PendingTimers.Values);

        var early = sim.Handle(new TimerFired(timer.SubscriptionId) { At = timer.DueAt.AddMilliseconds(-900) });

        Assert.True(early.Ignored);
        Assert.Contains("due at", early.IgnoredReason);
        Assert.True(sim.HasTask("work"));
    }

    [Fact]
    public void A_bounded_non_interrupting_cycle_fires_its_number_of_times()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeCycle>R3/PT10M</timeCycle>", interrupting: false));

        sim.AdvanceBy(TimeSpan.FromHours(5));

        Assert.Equal(3, sim.OpenTasks.Values.Count(t => t.ElementId == "remind"));
        Assert.Equal(
            [Simulation.Epoch.AddMinutes(10), Simulation.Epoch.AddMinutes(20), Simulation.Epoch.AddMinutes(30)],
            sim.Commands.OfType<ScheduleTimer>().Select(t => t.DueAt));
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void An_unbounded_cycle_stops_when_its_host_task_ends()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeCycle>R/PT1H</timeCycle>", interrupting: false));

        sim.AdvanceBy(TimeSpan.FromMinutes(150));
        Assert.Equal(2, sim.OpenTasks.Values.Count(t => t.ElementId == "remind"));
        Assert.Single(sim.PendingTimers);

        sim.CompleteTask("work");

        Assert.Empty(sim.PendingTimers);
        sim.AdvanceBy(TimeSpan.FromHours(10));
        Assert.Equal(2, sim.OpenTasks.Values.Count(t => t.ElementId == "remind"));
    }

    [Fact]
    public void A_timer_duration_can_be_computed_by_an_expression()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="repair" /><endEvent id="done" />
            <boundaryEvent id="turnaround" attachedToRef="repair" cancelActivity="false">
              <timerEventDefinition><timeDuration>${'P' + Math.ceil(units / 10) + 'D'}</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="escalated" />
            """, "start -> repair -> done; turnaround -> escalated");

        var sim = Simulation.Start(model, new { units = 25 });

        Assert.Equal(Simulation.Epoch.AddDays(3), Assert.Single(sim.PendingTimers.Values).DueAt);
    }

    [Fact]
    public void A_cycle_missed_while_the_host_was_down_fires_once_then_resumes_its_rhythm()
    {
        var sim = Simulation.Start(TaskWithTimer("<timeCycle>R/PT1H</timeCycle>", interrupting: false));
        var first = Assert.Single(sim.PendingTimers.Values);

        sim.Handle(new TimerFired(first.SubscriptionId) { At = Simulation.Epoch.AddHours(5.5) });

        Assert.Single(sim.OpenTasks.Values, t => t.ElementId == "remind");
        Assert.Equal(Simulation.Epoch.AddHours(6), Assert.Single(sim.PendingTimers.Values).DueAt);
    }
}
