using WorkflowService.Engine.Tests.Support;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Execution;

/// <summary>The completedByVariable property: the engine, not the client, records who completed a task.</summary>
public sealed class CompletedByVariableTests
{
    private static readonly Engine.Model.ProcessModel Answering = TestProcess.Parse("""
        <startEvent id="ring" />
        <userTask id="answer" camunda:candidateGroups="hotline">
          <extensionElements>
            <camunda:properties><camunda:property name="completedByVariable" value="answeredBy" /></camunda:properties>
          </extensionElements>
        </userTask>
        <userTask id="log" camunda:assignee="${answeredBy}" />
        """, "ring -> answer -> log");

    [Fact]
    public void The_variable_receives_the_user_who_completed_the_task()
    {
        var sim = Simulation.Start(Answering);

        sim.CompleteTask("answer", new { note = "caller asked for a repair" }, by: "agent2");

        Assert.Equal("agent2", sim.Variable("answeredBy").GetString());
        Assert.Equal("agent2", sim.Task("log").Assignee);
    }

    [Fact]
    public void A_value_submitted_for_the_variable_is_replaced_by_the_completing_user()
    {
        var sim = Simulation.Start(Answering);

        sim.CompleteTask("answer", new { answeredBy = "someone-else" }, by: "agent2");

        Assert.Equal("agent2", sim.Variable("answeredBy").GetString());
    }

    /// <summary>A document whose task 'answer' has the property set to <paramref name="variable"/>, and <paramref name="formData"/>.</summary>
    private static string AnswerTask(string variable, string formData = "") => Linear($"""
        <userTask id="answer">
          <extensionElements>
            <camunda:properties><camunda:property name="completedByVariable" value="{variable}" /></camunda:properties>
            {formData}
          </extensionElements>
        </userTask>
        """, "answer");

    [Fact]
    public void The_property_must_name_a_variable() =>
        AssertRefused(AnswerTask("answered by"), "answer", "userTask", "must name a variable");

    [Fact]
    public void A_writable_form_field_of_the_same_name_is_refused_because_its_value_would_be_overwritten() =>
        AssertRefused(AnswerTask("answeredBy", """<camunda:formData><camunda:formField id="answeredBy" type="string" /></camunda:formData>"""),
            "answer", "userTask", "form field 'answeredBy' would be overwritten");

    [Fact]
    public void A_readonly_form_field_of_the_same_name_shows_the_value_and_is_allowed()
    {
        var xml = AnswerTask("answeredBy", """
            <camunda:formData>
              <camunda:formField id="answeredBy" type="string">
                <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
              </camunda:formField>
            </camunda:formData>
            """);

        Assert.Equal("answeredBy", Node<Engine.Model.UserTaskNode>(xml, "answer").CompletedByVariable);
    }
}
