using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class ErrorEventTests
{
    private const string Errors = """
        <error id="errNoStock" errorCode="NO_STOCK" /><error id="errAny" />
        """;

    [Fact]
    public void An_external_task_failure_with_an_error_code_is_caught_by_the_matching_boundary_event()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <serviceTask id="reserve" camunda:type="external" camunda:topic="reserve-parts" />
            <boundaryEvent id="noStock" attachedToRef="reserve"><errorEventDefinition errorRef="errNoStock" /></boundaryEvent>
            <userTask id="orderParts" /><userTask id="repair" />
            """, "start -> reserve -> repair; noStock -> orderParts", Errors);
        var sim = Simulation.Start(model);

        sim.FailExternalTask("reserve", "NO_STOCK");

        Assert.True(sim.HasTask("orderParts"));
        Assert.Empty(sim.OpenExternalTasks);
        Assert.Empty(sim.OpenIncidents);
    }

    [Fact]
    public void A_specific_error_catch_wins_over_a_catch_all_on_the_same_activity()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <serviceTask id="reserve" camunda:type="external" camunda:topic="reserve-parts" />
            <boundaryEvent id="anyError" attachedToRef="reserve"><errorEventDefinition /></boundaryEvent>
            <boundaryEvent id="noStock" attachedToRef="reserve"><errorEventDefinition errorRef="errNoStock" /></boundaryEvent>
            <userTask id="generic" /><userTask id="orderParts" />
            """, "start -> reserve; anyError -> generic; noStock -> orderParts", Errors);

        var sim = Simulation.Start(model);
        sim.FailExternalTask("reserve", "NO_STOCK");
        Assert.Equal(["orderParts"], sim.OpenTasks.Values.Select(t => t.ElementId));

        var other = Simulation.Start(model);
        other.FailExternalTask("reserve", "TIMEOUT");
        Assert.Equal(["generic"], other.OpenTasks.Values.Select(t => t.ElementId));
    }

    [Fact]
    public void An_error_end_event_in_a_subprocess_is_caught_on_the_subprocess()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <subProcess id="sub">
              <startEvent id="ss" /><parallelGateway id="f" /><userTask id="other" />
              <endEvent id="fail"><errorEventDefinition errorRef="errNoStock" /></endEvent>
              <sequenceFlow id="s1" sourceRef="ss" targetRef="f" />
              <sequenceFlow id="s2" sourceRef="f" targetRef="other" />
              <sequenceFlow id="s3" sourceRef="f" targetRef="fail" />
            </subProcess>
            <boundaryEvent id="caught" attachedToRef="sub"><errorEventDefinition errorRef="errNoStock" /></boundaryEvent>
            <userTask id="handle" /><userTask id="normal" />
            """, "start -> sub -> normal; caught -> handle", Errors);

        var sim = Simulation.Start(model);

        Assert.Equal(["handle"], sim.OpenTasks.Values.Select(t => t.ElementId));
        Assert.Empty(sim.State.Scopes);
    }

    [Fact]
    public void An_error_thrown_inside_a_nested_subprocess_is_caught_further_out()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <subProcess id="outer">
              <startEvent id="os" />
              <subProcess id="inner">
                <startEvent id="is" />
                <serviceTask id="call" camunda:type="external" camunda:topic="erp" />
                <sequenceFlow id="i1" sourceRef="is" targetRef="call" />
              </subProcess>
              <sequenceFlow id="o1" sourceRef="os" targetRef="inner" />
            </subProcess>
            <boundaryEvent id="caught" attachedToRef="outer"><errorEventDefinition /></boundaryEvent>
            <userTask id="handle" />
            """, "start -> outer; caught -> handle", Errors);
        var sim = Simulation.Start(model);

        sim.FailExternalTask("call", "ERP_DOWN");

        Assert.True(sim.HasTask("handle"));
        Assert.Empty(sim.State.Scopes);
        Assert.Contains(sim.Commands, c => c is CancelExternalTask { ElementId: "call" });
    }

    [Fact]
    public void An_uncaught_external_task_failure_is_an_incident_and_a_retry_runs_the_task_again()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><serviceTask id="notify" camunda:type="external" camunda:topic="sms" /><endEvent id="end" />
            """, "start -> notify -> end");
        var sim = Simulation.Start(model);
        var firstTask = sim.ExternalTask("notify").TaskId;

        sim.FailExternalTask("notify", null, "gateway timeout");

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Contains("gateway timeout", incident.Message);
        Assert.Empty(sim.OpenExternalTasks);

        sim.Handle(new IncidentRetried(incident.IncidentId) { At = sim.Now });
        Assert.Empty(sim.OpenIncidents);
        Assert.Equal(firstTask, sim.ExternalTask("notify").TaskId);
        sim.CompleteExternalTask("notify");
        Assert.True(sim.IsCompleted);
    }
}

public class EscalationEventTests
{
    private static Engine.Model.ProcessModel Model(bool interrupting) => TestProcess.Parse($"""
        <startEvent id="start" />
        <subProcess id="handle">
          <startEvent id="hs" />
          <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="escManager" /></intermediateThrowEvent>
          <userTask id="keepWorking" />
          <sequenceFlow id="h1" sourceRef="hs" targetRef="raise" />
          <sequenceFlow id="h2" sourceRef="raise" targetRef="keepWorking" />
        </subProcess>
        <boundaryEvent id="toManager" attachedToRef="handle" cancelActivity="{(interrupting ? "true" : "false")}">
          <escalationEventDefinition escalationRef="escManager" />
        </boundaryEvent>
        <userTask id="managerReview" />
        """, "start -> handle; toManager -> managerReview",
        """<escalation id="escManager" escalationCode="MANAGER" />""");

    [Fact]
    public void A_non_interrupting_escalation_boundary_event_starts_a_parallel_path()
    {
        var sim = Simulation.Start(Model(interrupting: false));

        Assert.True(sim.HasTask("managerReview"));
        Assert.True(sim.HasTask("keepWorking"));
    }

    [Fact]
    public void An_interrupting_escalation_boundary_event_ends_the_subprocess()
    {
        var sim = Simulation.Start(Model(interrupting: true));

        Assert.Equal(["managerReview"], sim.OpenTasks.Values.Select(t => t.ElementId));
        Assert.Empty(sim.State.Scopes);
    }

    [Fact]
    public void An_escalation_nobody_catches_is_ignored()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="e" /></intermediateThrowEvent>
            <endEvent id="end"><escalationEventDefinition escalationRef="e" /></endEvent>
            """, "start -> raise -> end", """<escalation id="e" escalationCode="X" />""");

        var sim = Simulation.Start(model);

        Assert.True(sim.IsCompleted);
    }
}
