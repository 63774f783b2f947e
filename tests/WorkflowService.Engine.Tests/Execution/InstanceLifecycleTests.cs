using System.Diagnostics;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class StepBudgetTests
{
    [Fact]
    public void A_loop_without_a_wait_state_stops_as_an_incident_instead_of_hanging()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><task id="spin" /><exclusiveGateway id="again" default="again_end" /><endEvent id="end" />
            """, "start -> spin -> again; again -> spin [${true}]; again -> end");
        var clock = Stopwatch.StartNew();

        var sim = Simulation.Start(model, interpreter: new Interpreter(new InterpreterOptions { MaxStepsPerEvent = 2_000 }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Contains("2,000 steps", incident.Message);
        Assert.Contains("loops without a wait state", incident.Message);
        Assert.Equal(InstanceStatus.Running, sim.State.Status);
    }
}

public class StartEventTests
{
    [Fact]
    public void The_initiator_is_stored_in_the_variable_the_start_event_names()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" camunda:initiator="requestedBy" /><userTask id="t" camunda:assignee="${requestedBy}" />
            """, "start -> t");

        var sim = Simulation.Start(model, options: new StartOptions(Initiator: "anna"));

        Assert.Equal("anna", sim.Variable("requestedBy").GetString());
        Assert.Equal("anna", sim.Task("t").Assignee);
        Assert.Equal(Simulation.Epoch, sim.State.StartedAt);
    }

    [Fact]
    public void A_process_that_reaches_its_end_right_away_completes_at_once()
    {
        var model = TestProcess.Parse("""<startEvent id="s" /><manualTask id="m" /><endEvent id="e" />""", "s -> m -> e");

        var sim = Simulation.Start(model);

        Assert.True(sim.IsCompleted);
        Assert.Equal(Simulation.Epoch, sim.State.EndedAt);
        Assert.Equal(["s", "m", "e"], sim.Path);
    }
}

public class CancellationTests
{
    [Fact]
    public void Cancelling_an_instance_withdraws_every_task_timer_and_subscription()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><parallelGateway id="fork" /><userTask id="a" />
            <serviceTask id="b" camunda:type="external" camunda:topic="t" />
            <intermediateCatchEvent id="c"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <boundaryEvent id="late" attachedToRef="a"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <endEvent id="le" />
            """, "start -> fork -> a; fork -> b; fork -> c; late -> le", """<message id="m" name="msg" />""");
        var sim = Simulation.Start(model);

        sim.Cancel();

        Assert.Equal(InstanceStatus.Cancelled, sim.State.Status);
        Assert.Empty(sim.OpenTasks);
        Assert.Empty(sim.OpenExternalTasks);
        Assert.Empty(sim.PendingTimers);
        Assert.Empty(sim.MessageWaits);
        Assert.Empty(sim.State.Tokens);
        Assert.True(sim.Cancel().Ignored);
    }
}

public class DeterminismTests
{
    [Fact]
    public void The_same_event_on_the_same_state_gives_the_same_state_and_commands()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="a" /><parallelGateway id="f" /><userTask id="b" /><userTask id="c" />
            <boundaryEvent id="t" attachedToRef="b" cancelActivity="false"><timerEventDefinition><timeDuration>${'PT' + n + 'M'}</timeDuration></timerEventDefinition></boundaryEvent>
            <endEvent id="te" />
            """, "start -> a -> f -> b; f -> c; t -> te");
        var interpreter = new Interpreter();
        var started = interpreter.Start(model, Simulation.Vars(new { n = 5 }), Simulation.Epoch);
        var taskId = ((CreateUserTask)started.Commands.Single(c => c is CreateUserTask)).TaskId;
        var evt = new UserTaskCompleted(taskId, Simulation.Vars(new { x = "y" }), "u") { At = Simulation.Epoch.AddHours(1) };

        var first = interpreter.Handle(model, started.State, evt);
        var second = new Interpreter().Handle(model, InstanceStateJson.Deserialize(InstanceStateJson.Serialize(started.State)), evt);

        Assert.Equal(InstanceStateJson.Serialize(first.State), InstanceStateJson.Serialize(second.State));
        Assert.Equal(CommandsJson(first), CommandsJson(second));
    }

    private static string CommandsJson(StepResult result) =>
        string.Join("\n", result.Commands.Select(c => c.GetType().Name + JsonSerializer.Serialize(c, c.GetType())));

    [Fact]
    public void Instance_state_round_trips_through_its_stored_json()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><subProcess id="s"><startEvent id="ss" /><userTask id="t" /><sequenceFlow id="x" sourceRef="ss" targetRef="t" /></subProcess>
            <boundaryEvent id="b" attachedToRef="s" cancelActivity="false"><timerEventDefinition><timeCycle>R3/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <endEvent id="e" />
            """, "start -> s; b -> e");
        var state = Simulation.Start(model, new { nested = new { list = new[] { 1, 2 } }, text = "维修" }).State;

        var json = InstanceStateJson.Serialize(state);
        var back = InstanceStateJson.Deserialize(json);

        Assert.Equal(json, InstanceStateJson.Serialize(back));
        Assert.Equal(state.Tokens, back.Tokens);
        Assert.Equal(state.Subscriptions, back.Subscriptions);
        Assert.Equal(state.Scopes, back.Scopes);
        Assert.Equal(InstanceStatus.Running, back.Status);
        Assert.Equal("维修", back.Variables["text"].GetString());
    }
}
