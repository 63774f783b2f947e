using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class MessageEventTests
{
    private const string Messages = """<message id="m1" name="parts-arrived" /><message id="m2" name="call-ended" />""";

    [Fact]
    public void A_message_catch_event_waits_for_its_message_and_takes_its_variables()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateCatchEvent id="parts"><messageEventDefinition messageRef="m1" /></intermediateCatchEvent>
            <userTask id="repair" />
            """, "start -> parts -> repair", Messages);

        var sim = Simulation.Start(model);
        var wait = Assert.Single(sim.MessageWaits.Values);
        Assert.Equal("parts-arrived", wait.MessageName);
        Assert.Equal("parts", wait.ElementId);

        sim.SendMessage("parts-arrived", new { partNo = "X-1" });

        Assert.True(sim.HasTask("repair"));
        Assert.Equal("X-1", sim.Variable("partNo").GetString());
    }

    [Fact]
    public void An_interrupting_message_boundary_event_cancels_its_task()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="answerCall" /><endEvent id="answered" />
            <boundaryEvent id="hungUp" attachedToRef="answerCall"><messageEventDefinition messageRef="m2" /></boundaryEvent>
            <endEvent id="missed" />
            """, "start -> answerCall -> answered; hungUp -> missed", Messages);

        var sim = Simulation.Start(model);
        sim.SendMessage("call-ended");

        Assert.True(sim.IsCompleted);
        Assert.Contains(sim.Commands, c => c is CancelUserTask { ElementId: "answerCall" });
        Assert.Equal(["start", "hungUp", "missed"], sim.Path);
    }

    [Fact]
    public void A_message_wait_on_a_task_ends_with_the_task()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="answerCall" /><endEvent id="answered" />
            <boundaryEvent id="hungUp" attachedToRef="answerCall"><messageEventDefinition messageRef="m2" /></boundaryEvent>
            <endEvent id="missed" />
            """, "start -> answerCall -> answered; hungUp -> missed", Messages);
        var sim = Simulation.Start(model);
        var wait = Assert.Single(sim.MessageWaits.Values);

        sim.CompleteTask("answerCall");
        var late = sim.Handle(new MessageReceived(wait.SubscriptionId, VariableMap.Empty) { At = sim.Now });

        Assert.Contains(sim.Commands, c => c is CancelMessageSubscription s && s.SubscriptionId == wait.SubscriptionId);
        Assert.True(late.Ignored);
    }

    [Fact]
    public void A_non_interrupting_message_boundary_event_keeps_listening_while_its_task_runs()
    {
        // Camunda 7 keeps the event subscription of a non-interrupting message boundary event until
        // its activity ends (MessageNonInterruptingBoundaryEventTest): every message starts a path.
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="repair" /><endEvent id="done" />
            <boundaryEvent id="partsArrived" attachedToRef="repair" cancelActivity="false"><messageEventDefinition messageRef="m1" /></boundaryEvent>
            <userTask id="checkParts" />
            """, "start -> repair -> done; partsArrived -> checkParts", Messages);
        var sim = Simulation.Start(model);
        var wait = Assert.Single(sim.MessageWaits.Values);

        sim.SendMessage("parts-arrived", new { batch = 1 });
        sim.SendMessage("parts-arrived", new { batch = 2 });

        Assert.Equal(2, sim.OpenTasks.Values.Count(t => t.ElementId == "checkParts"));
        Assert.True(sim.HasTask("repair"));
        Assert.Equal(wait, Assert.Single(sim.MessageWaits.Values));

        sim.CompleteTask("repair");

        Assert.Empty(sim.MessageWaits);
        Assert.Contains(sim.Commands, c => c is CancelMessageSubscription s && s.SubscriptionId == wait.SubscriptionId);
        Assert.Equal(2, sim.OpenTasks.Count);
    }

    [Fact]
    public void A_process_starts_at_its_message_start_event()
    {
        var model = TestProcess.Parse("""
            <startEvent id="byMessage"><messageEventDefinition messageRef="m1" /></startEvent>
            <userTask id="t" />
            """, "byMessage -> t", Messages);

        var sim = Simulation.Start(model, new { a = 1 }, options: new StartOptions("byMessage"));

        Assert.True(sim.HasTask("t"));
    }
}

public class IntermediateTimerTests
{
    [Theory]
    [InlineData("<timeDuration>PT30M</timeDuration>", 30)]
    [InlineData("<timeDate>2026-03-02T10:00:00Z</timeDate>", 60)]
    [InlineData("<timeDuration>${'PT' + (3 * ringSeconds) + 'S'}</timeDuration>", 0.25)]
    public void A_timer_catch_event_waits_until_its_due_time(string timer, double minutes)
    {
        var model = TestProcess.Parse($"""
            <startEvent id="start" />
            <intermediateCatchEvent id="wait"><timerEventDefinition>{timer}</timerEventDefinition></intermediateCatchEvent>
            <userTask id="after" />
            """, "start -> wait -> after");

        var sim = Simulation.Start(model, new { ringSeconds = 5 });
        var due = Simulation.Epoch.AddMinutes(minutes);
        Assert.Equal(due, Assert.Single(sim.PendingTimers.Values).DueAt);

        sim.AdvanceTo(due.AddTicks(-1));
        Assert.False(sim.HasTask("after"));
        sim.AdvanceTo(due);
        Assert.True(sim.HasTask("after"));
    }

    [Fact]
    public void An_invalid_computed_duration_is_an_incident_naming_the_event()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>${period}</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="after" />
            """, "start -> wait -> after");

        var sim = Simulation.Start(model, new { period = "soon" });

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("wait", incident.ElementId);
        Assert.Contains("soon", incident.Message);
        Assert.Empty(sim.PendingTimers);
    }
}
