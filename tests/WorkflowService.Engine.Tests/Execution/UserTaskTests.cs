using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class UserTaskTests
{
    private static readonly Engine.Model.ProcessModel Approval = TestProcess.Parse("""
        <startEvent id="start" />
        <userTask id="approve" name="Approve" camunda:assignee="${owner}" camunda:candidateUsers="ann, bob"
                  camunda:candidateGroups="${['managers', 'agents']}" camunda:dueDate="P1D"
                  camunda:followUpDate="2026-03-02T12:00:00Z" camunda:priority="${urgent ? 80 : 20}"
                  camunda:formKey="embedded:app:approve.html" />
        <endEvent id="end" />
        """, "start -> approve -> end");

    [Fact]
    public void A_user_task_is_created_with_its_assignment_evaluated()
    {
        var sim = Simulation.Start(Approval, new { owner = "carol", urgent = true });

        var task = sim.Task("approve");
        Assert.Equal("Approve", task.Name);
        Assert.Equal("carol", task.Assignee);
        Assert.Equal(["ann", "bob"], task.CandidateUsers.AsEnumerable());
        Assert.Equal(["managers", "agents"], task.CandidateGroups.AsEnumerable());
        Assert.Equal(Simulation.Epoch.AddDays(1), task.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), task.FollowUpAt);
        Assert.Equal(80, task.Priority);
        Assert.Equal("embedded:app:approve.html", task.FormKey);
        Assert.Equal(InstanceStatus.Running, sim.State.Status);
        Assert.Equal(["approve"], sim.State.ActiveElementIds);
    }

    [Fact]
    public void Completing_the_task_stores_its_variables_and_moves_the_token_on()
    {
        var sim = Simulation.Start(Approval, new { owner = "carol", urgent = false });

        sim.CompleteTask("approve", new { approved = true }, by: "carol");

        Assert.True(sim.IsCompleted);
        Assert.True(sim.Variable("approved").GetBoolean());
        Assert.Contains(sim.Commands.OfType<ElementLeft>(), l => l.ElementId == "approve" && l.By == "carol");
        Assert.Equal(new InstanceEnded(InstanceStatus.Completed, sim.Now), sim.Commands[^1]);
    }

    [Fact]
    public void Completing_a_task_twice_is_ignored_the_second_time()
    {
        var model = TestProcess.Parse("""<startEvent id="s" /><userTask id="first" /><userTask id="second" />""", "s -> first -> second");
        var sim = Simulation.Start(model);
        var taskId = sim.Task("first").TaskId;
        sim.CompleteTask("first");

        var again = sim.Handle(new UserTaskCompleted(taskId, VariableMap.Empty, "dave") { At = sim.Now });

        Assert.True(again.Ignored);
        Assert.Contains("not open", again.IgnoredReason);
        Assert.Empty(again.Commands);
    }

    [Fact]
    public void A_failing_assignee_expression_stops_the_token_as_an_incident_before_any_task_exists()
    {
        var sim = Simulation.Start(Approval, new { urgent = false });

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("approve", incident.ElementId);
        Assert.Contains("userTask 'approve'", incident.Message);
        Assert.Contains("owner", incident.Message);
        Assert.Empty(sim.OpenTasks);
        Assert.Equal(InstanceStatus.Running, sim.State.Status);
    }

    [Fact]
    public void Retrying_an_incident_with_the_missing_variable_creates_the_task()
    {
        var sim = Simulation.Start(Approval, new { urgent = false });
        var incident = Assert.Single(sim.OpenIncidents.Values);

        sim.Handle(new IncidentRetried(incident.IncidentId, Simulation.Vars(new { owner = "erin" })) { At = sim.Now });

        Assert.Empty(sim.OpenIncidents);
        Assert.Equal("erin", sim.Task("approve").Assignee);
    }

    [Fact]
    public void A_task_with_no_priority_gets_the_default_of_fifty()
    {
        var model = TestProcess.Parse("""<startEvent id="s" /><userTask id="t" /><endEvent id="e" />""", "s -> t -> e");

        var task = Simulation.Start(model).Task("t");

        Assert.Equal(50, task.Priority);
        Assert.Null(task.Assignee);
        Assert.Empty(task.CandidateGroups);
    }
}
