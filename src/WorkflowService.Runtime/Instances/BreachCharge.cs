using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Who a breach is charged to (DOMAIN.md: a breach is charged to a person, not only to a group). The
/// engine evaluates the process's own <c>responsible</c> / <c>responsibleGroup</c> properties and lists
/// the user tasks the timer watched; their assignees and groups are read here, because claims happen in
/// the runtime, not in the engine.
/// </summary>
internal static class BreachCharge
{
    private const int MaxNoteLength = 1000;

    /// <summary>
    /// The person: the explicit property, else the host task's assignee, else — the timer watched a
    /// subprocess — the assignee of the oldest assigned task open inside it (the engine lists them oldest
    /// first): whoever has held the late work longest. The groups: the explicit property, else the
    /// candidate groups of all the watched tasks, comma-separated. Either is null when nothing names one.
    /// </summary>
    public static async Task<(string? Person, string? Groups)> OfAsync(StepScope scope, RecordBreach c, CancellationToken ct)
    {
        if ((c.Responsible is not null && c.ResponsibleGroup is not null) || c.WatchedTaskIds.IsDefaultOrEmpty)
            return (c.Responsible, c.ResponsibleGroup);
        var open = await scope.OpenTasks.WhereAsync(t => t.Status == UserTaskStatus.Open && c.WatchedTaskIds.Contains(t.LocalId), ct);
        var watched = c.WatchedTaskIds.Select(id => open.Find(t => t.LocalId == id)).OfType<TaskRecord>().ToList();
        var groups = watched.SelectMany(t => t.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        return (c.Responsible ?? watched.Select(t => t.Assignee).FirstOrDefault(a => !string.IsNullOrEmpty(a)),
            c.ResponsibleGroup ?? (groups.Count > 0 ? string.Join(",", groups) : null));
    }

    /// <summary>Why the explicit property named nobody, cut to a size a column holds comfortably.</summary>
    public static string? Note(RecordBreach c) =>
        c.ResponsibleNote is { Length: > MaxNoteLength } note ? note[..MaxNoteLength] : c.ResponsibleNote;
}
