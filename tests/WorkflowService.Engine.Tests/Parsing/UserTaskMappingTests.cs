using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>User task assignment from the Camunda attributes and from standard humanPerformer/potentialOwner.</summary>
public sealed class UserTaskMappingTests
{
    [Fact]
    public void Every_camunda_user_task_attribute_is_mapped()
    {
        var xml = Linear("""
            <userTask id="approve" name="Approve repair"
                      camunda:assignee="${initiator}" camunda:candidateUsers="anna, ben"
                      camunda:candidateGroups="service-desk,engineers" camunda:dueDate="P2D"
                      camunda:followUpDate="${followUp}" camunda:priority="80"
                      camunda:formKey="embedded:app:forms/approve.html" />
            """, "approve");

        var task = Node<UserTaskNode>(xml, "approve");

        Assert.Equal("Approve repair", task.Name);
        Assert.Equal("${initiator}", task.Assignee);
        Assert.Equal("anna, ben", task.CandidateUsers);
        Assert.Equal("service-desk,engineers", task.CandidateGroups);
        Assert.Equal("P2D", task.DueDate);
        Assert.Equal("${followUp}", task.FollowUpDate);
        Assert.Equal("80", task.Priority);
        Assert.Equal("embedded:app:forms/approve.html", task.FormKey);
        Assert.Equal(["f1"], task.Incoming.ToArray());
        Assert.Equal(["f2"], task.Outgoing.ToArray());
    }

    [Fact]
    public void A_user_task_without_assignment_has_none()
    {
        var task = Node<UserTaskNode>(Linear("""<userTask id="t" />""", "t"), "t");

        Assert.Null(task.Assignee);
        Assert.Null(task.CandidateUsers);
        Assert.Null(task.CandidateGroups);
        Assert.Empty(task.FormFields);
    }

    [Fact]
    public void A_human_performer_becomes_the_assignee()
    {
        var xml = Linear("""
            <userTask id="t">
              <humanPerformer>
                <resourceAssignmentExpression><formalExpression>user(kermit)</formalExpression></resourceAssignmentExpression>
              </humanPerformer>
            </userTask>
            """, "t");

        Assert.Equal("kermit", Node<UserTaskNode>(xml, "t").Assignee);
    }

    [Fact]
    public void Potential_owners_become_candidate_groups_and_users_and_a_bare_name_is_a_group()
    {
        var xml = Linear("""
            <userTask id="t">
              <potentialOwner>
                <resourceAssignmentExpression>
                  <formalExpression>group(management), user(fozzie), accounting</formalExpression>
                </resourceAssignmentExpression>
              </potentialOwner>
            </userTask>
            """, "t");

        var task = Node<UserTaskNode>(xml, "t");

        Assert.Equal("management, accounting", task.CandidateGroups);
        Assert.Equal("fozzie", task.CandidateUsers);
    }

    [Fact]
    public void A_potential_owner_expression_is_kept_whole_as_candidate_groups()
    {
        var xml = Linear("""
            <userTask id="t">
              <potentialOwner><resourceAssignmentExpression><formalExpression>${teams.join(',')}</formalExpression></resourceAssignmentExpression></potentialOwner>
            </userTask>
            """, "t");

        Assert.Equal("${teams.join(',')}", Node<UserTaskNode>(xml, "t").CandidateGroups);
    }

    [Fact]
    public void Camunda_attributes_win_over_the_standard_elements()
    {
        var xml = Linear("""
            <userTask id="t" camunda:assignee="demo">
              <humanPerformer><resourceAssignmentExpression><formalExpression>kermit</formalExpression></resourceAssignmentExpression></humanPerformer>
            </userTask>
            """, "t");

        Assert.Equal("demo", Node<UserTaskNode>(xml, "t").Assignee);
    }

    [Fact]
    public void A_potential_owner_given_only_as_a_resource_reference_is_ignored_with_a_warning()
    {
        var xml = Linear("""
            <userTask id="t"><potentialOwner><resourceRef>clerks</resourceRef></potentialOwner></userTask>
            """, "t");

        var result = Parse(xml);

        Assert.True(result.Success);
        AssertWarning(result, "t", "use camunda:assignee or camunda:candidateGroups");
    }

    [Fact]
    public void A_priority_that_is_neither_a_number_nor_an_expression_is_refused()
    {
        var xml = Linear("""<userTask id="t" camunda:priority="high" />""", "t");

        AssertRefused(xml, "t", "userTask", "The camunda:priority of user task 't' must be a whole number or an expression, not 'high'");
    }
}
