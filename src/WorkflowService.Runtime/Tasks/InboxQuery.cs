using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tasks;

/// <summary>
/// A non-admin caller's open tasks by due date: the inbox. The general query
/// (<see cref="TaskVisibility.VisibleTo"/> + <see cref="TaskVisibility.Matching"/>) checks the
/// candidates of every open task and sorts all the visible ones: 110–180 ms at 100,000 open tasks,
/// whether the caller sees all of them or none. Here each way a task can be visible to the caller
/// is walked on its own index in due order and stops after a page: tasks assigned to the caller,
/// and unassigned tasks offered to the caller or to each of their groups. The union of those pages
/// holds the page asked for; it is sorted as the general query sorts. Open tasks never carry
/// <see cref="TaskRecord.CompletedBy"/> (it is set when a task closes), so that way needs no walk.
/// </summary>
internal static class InboxQuery
{
    public static bool Applies(Caller caller, TaskQuery query) =>
        !caller.IsAdmin && query.OpenOnly && query.Sort == TaskSort.DueDate;

    public static async Task<List<TaskView>> RunAsync(WorkflowDbContext db, Caller caller, TaskQuery query,
        DateTimeOffset now, CancellationToken ct)
    {
        var need = query.SkipCount + query.TakeCount;
        var open = db.Tasks.AsNoTracking().Filtered(query, now);
        var keys = caller.Groups.Select(g => (TaskCandidate.Group, g)).Append((TaskCandidate.User, caller.UserName)).ToList();
        var found = new Dictionary<Guid, TaskView>();
        // Tasks without a due date sort after every dated one: they are read only when the dated ones do not fill the page.
        foreach (var dated in new[] { true, false })
        {
            if (!dated && found.Count >= need) break;
            Add(found, await Assigned(open, caller.UserName, dated).Take(need).Select(TaskView.FromRow).ToListAsync(ct));
            foreach (var (kind, name) in keys)
                Add(found, await Offered(db, open, kind, name, dated).Take(need).Select(TaskView.FromRow).ToListAsync(ct));
        }
        return [.. found.Values.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenByDescending(t => t.Priority)
            .Skip(query.SkipCount).Take(query.TakeCount)];
    }

    private static void Add(Dictionary<Guid, TaskView> found, List<TaskView> tasks)
    {
        foreach (var task in tasks) found.TryAdd(task.Id, task); // offered to the caller and to their group: once
    }

    /// <summary>On (Assignee, Status, DueAt).</summary>
    private static IQueryable<TaskRecord> Assigned(IQueryable<TaskRecord> open, string user, bool dated)
    {
        var mine = open.Where(t => t.Assignee == user);
        return dated
            ? mine.Where(t => t.DueAt != null).OrderBy(t => t.DueAt).ThenByDescending(t => t.Priority)
            : mine.Where(t => t.DueAt == null).OrderByDescending(t => t.Priority);
    }

    /// <summary>On the candidates' (Kind, Name, DueAt, Priority descending), each row joined to its task by key.</summary>
    private static IQueryable<TaskRecord> Offered(WorkflowDbContext db, IQueryable<TaskRecord> open, string kind, string name,
        bool dated)
    {
        var candidates = db.TaskCandidates.Where(c => c.Kind == kind && c.Name == name);
        candidates = dated ? candidates.Where(c => c.DueAt != null) : candidates.Where(c => c.DueAt == null);
        var offered = candidates.Join(open.Where(t => t.Assignee == null), c => c.TaskId, t => t.Id,
            (c, t) => new { c.DueAt, c.Priority, Task = t });
        return dated
            ? offered.OrderBy(x => x.DueAt).ThenByDescending(x => x.Priority).Select(x => x.Task)
            : offered.OrderByDescending(x => x.Priority).Select(x => x.Task);
    }
}
