using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tasks;

public enum TaskSort
{
    DueDate,
    Priority,
    Created,
}

public sealed record TaskQuery
{
    public Guid? InstanceId { get; init; }
    public string? Assignee { get; init; }
    public string? CandidateGroup { get; init; }
    public string? DefinitionKey { get; init; }

    /// <summary>Tasks of this BPMN element (with <see cref="DefinitionKey"/>: of one step of one process).</summary>
    public string? ElementId { get; init; }

    /// <summary>Open tasks only (the default); false: closed ones too.</summary>
    public bool OpenOnly { get; init; } = true;
    public bool Overdue { get; init; }

    /// <summary>Due before the end of this UTC day... or of the day in <see cref="TodayEndsAt"/>.</summary>
    public bool DueToday { get; init; }
    public DateTimeOffset? TodayEndsAt { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.DueDate;
    public int Skip { get; init; }
    public int Take { get; init; } = 50;

    /// <summary>
    /// How deep a caller may page: the inbox walk reads skip + take rows per way a task can be
    /// visible, so an unbounded skip would read every task. Nobody pages 10,000 tasks deep by hand;
    /// filters narrow the list instead.
    /// </summary>
    public const int MaxSkip = 10_000;

    internal int SkipCount => Math.Clamp(Skip, 0, MaxSkip);
    internal int TakeCount => Math.Clamp(Take, 1, 500);
}

/// <summary>
/// Who sees which task: admins see every task; anyone else sees tasks assigned to them, tasks
/// they completed, and unassigned tasks with them or one of their groups among the candidates.
/// </summary>
public static class TaskVisibility
{
    public static IQueryable<TaskRecord> VisibleTo(this IQueryable<TaskRecord> tasks, Caller caller)
    {
        if (caller.IsAdmin) return tasks;
        var user = caller.UserName;
        var groups = caller.Groups.ToList();
        return tasks.Where(t => t.Assignee == user || t.CompletedBy == user
                                || (t.Assignee == null && t.Candidates.Any(c =>
                                    (c.Kind == TaskCandidate.User && c.Name == user)
                                    || (c.Kind == TaskCandidate.Group && groups.Contains(c.Name)))));
    }

    public static IQueryable<TaskRecord> Matching(this IQueryable<TaskRecord> tasks, TaskQuery q, DateTimeOffset now)
    {
        tasks = tasks.Filtered(q, now);
        tasks = q.Sort switch
        {
            TaskSort.Priority => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt),
            TaskSort.Created => tasks.OrderByDescending(t => t.CreatedAt),
            _ => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenByDescending(t => t.Priority),
        };
        return tasks.Skip(q.SkipCount).Take(q.TakeCount);
    }

    /// <summary>The query's conditions without its order and page.</summary>
    public static IQueryable<TaskRecord> Filtered(this IQueryable<TaskRecord> tasks, TaskQuery q, DateTimeOffset now)
    {
        if (q.OpenOnly) tasks = tasks.Where(t => t.Status == UserTaskStatus.Open);
        if (q.InstanceId is { } instanceId) tasks = tasks.Where(t => t.InstanceId == instanceId);
        if (q.Assignee is { Length: > 0 } assignee) tasks = tasks.Where(t => t.Assignee == assignee);
        if (q.CandidateGroup is { Length: > 0 } group)
            tasks = tasks.Where(t => t.Candidates.Any(c => c.Kind == TaskCandidate.Group && c.Name == group));
        if (q.DefinitionKey is { Length: > 0 } key) tasks = tasks.Where(t => t.DefinitionKey == key);
        if (q.ElementId is { Length: > 0 } elementId) tasks = tasks.Where(t => t.ElementId == elementId);
        if (q.Overdue) tasks = tasks.Where(t => t.DueAt != null && t.DueAt < now);
        if (q.DueToday)
        {
            var end = q.TodayEndsAt ?? new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            tasks = tasks.Where(t => t.DueAt != null && t.DueAt < end);
        }
        return tasks;
    }
}
