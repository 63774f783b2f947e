using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>A user task that was completed: who completed it, when, and whether that was by its due date.</summary>
public sealed record CompletedTaskView(Guid TaskId, Guid InstanceId, string DefinitionKey, string ElementId, string? BusinessKey,
    string? CompletedBy, DateTimeOffset EndedAt, DateTimeOffset? DueAt);

/// <summary>
/// What happened in a period, for reports that count work per person: breaches detected and tasks completed between two
/// instants (from inclusive, to exclusive), whoever may see them. Reports call this with their own period and rules.
/// </summary>
public sealed class PeriodRecords(WorkflowDbFactory dbFactory)
{
    /// <summary>The breaches detected in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<BreachView>> BreachesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Breaches.AsNoTracking().Where(b => b.DetectedAt >= from && b.DetectedAt < to).OrderBy(b => b.Id)
            .Select(BreachView.FromRow).ToListAsync(ct);
    }

    /// <summary>The tasks at <paramref name="elementId"/> of <paramref name="definitionKey"/> completed in [from, to).</summary>
    public async Task<IReadOnlyList<CompletedTaskView>> CompletedTasksAsync(string definitionKey, string elementId, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var completed = UserTaskStatus.Completed.Name;
        return await db.Tasks.AsNoTracking()
            .Where(t => t.DefinitionKey == definitionKey && t.ElementId == elementId && t.Status == completed
                        && t.EndedAt != null && t.EndedAt >= from && t.EndedAt < to)
            .Select(t => new CompletedTaskView(t.Id, t.InstanceId, t.DefinitionKey, t.ElementId, t.BusinessKey, t.CompletedBy,
                t.EndedAt!.Value, t.DueAt))
            .ToListAsync(ct);
    }
}
