using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Tasks;

/// <summary>Why a task action was refused, as a text key of Localization/inbox.json and the person named in it.</summary>
public sealed record TaskRefusal(string TextKey, string? Who)
{
    public static readonly string[] TextKeys =
        ["Task.Conflict.ClaimedBy", "Task.Conflict.Completed", "Task.Conflict.Cancelled", "Task.Conflict.Other"];

    /// <summary>
    /// The runtime hides a task from everyone but its assignee once it is claimed or closed, so a
    /// colleague who had it in their inbox a moment ago gets "not found". Such a colleague (a
    /// candidate of the task, or whoever completed it) is told what happened (claimed by whom,
    /// completed); anyone else gets null, and so a 404 that reveals nothing.
    /// </summary>
    public static async Task<TaskRefusal?> ExplainAsync(TaskService tasks, Caller caller, Guid taskId, CancellationToken ct)
    {
        TaskView task;
        try
        {
            task = (await tasks.GetAsync(Caller.System, taskId, ct)).Task;
        }
        catch (NotFoundException)
        {
            return null;
        }
        if (!WasOffered(task, caller)) return null;
        return task.Status switch
        {
            _ when task.Status == UserTaskStatus.Completed => new TaskRefusal("Task.Conflict.Completed", task.CompletedBy),
            _ when task.Status == UserTaskStatus.Cancelled => new TaskRefusal("Task.Conflict.Cancelled", null),
            _ when task.Assignee is { } assignee && assignee != caller.UserName => new TaskRefusal("Task.Conflict.ClaimedBy", assignee),
            _ => new TaskRefusal("Task.Conflict.Other", null),
        };
    }

    private static bool WasOffered(TaskView task, Caller caller) =>
        caller.IsAdmin || task.Assignee == caller.UserName || task.CompletedBy == caller.UserName || task.IsOfferedTo(caller);
}
