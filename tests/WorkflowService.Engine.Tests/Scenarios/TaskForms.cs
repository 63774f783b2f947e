using System.Collections.Immutable;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Forms;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>
/// Completing tasks the way the task form does: the submitted values go through
/// <see cref="FormValidator"/> against the task's declared fields, and only the validated
/// (converted) values reach the engine.
/// </summary>
internal static class TaskForms
{
    public static ImmutableArray<FormField> FieldsOf(ProcessModel model, string taskElementId) =>
        Assert.IsType<UserTaskNode>(model.Node(taskElementId)).FormFields;

    public static FormSubmission Validate(ProcessModel model, string taskElementId, object values) =>
        FormValidator.Validate(FieldsOf(model, taskElementId), Simulation.Vars(values));

    /// <summary>Validates <paramref name="values"/> as the task's form would, asserts they pass, and completes the task with them.</summary>
    public static StepResult Submit(this Simulation sim, string taskElementId, object? values = null, string by = "tester")
    {
        var submission = Validate(sim.Model, taskElementId, values ?? new { });
        Assert.True(submission.IsValid,
            $"The form of '{taskElementId}' refuses the values: {string.Join("; ", submission.Errors.Select(e => e.Message))}");
        var result = sim.CompleteTask(taskElementId, submission.Values, by);
        Assert.False(result.Ignored, result.IgnoredReason);
        return result;
    }

    /// <summary>The task as it was created (also once it is completed).</summary>
    public static CreateUserTask Created(this Simulation sim, string taskElementId) =>
        sim.Commands.OfType<CreateUserTask>().Last(t => t.ElementId == taskElementId);

    /// <summary>Asserts who the open task is for: its assignee and candidate groups.</summary>
    public static CreateUserTask AssertOpenFor(this Simulation sim, string taskElementId, string[] groups, string? assignee = null)
    {
        var task = sim.Task(taskElementId);
        Assert.Equal(groups, task.CandidateGroups.ToArray());
        Assert.Equal(assignee, task.Assignee);
        return task;
    }
}
