using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// The reads every step makes, compiled once: EF Core otherwise walks each query's expression tree again on every execution
/// to find its parameters and look up its cached plan, about a tenth of a step's time in the write lane. A compiled query
/// serves one model only, and a process can hold several (SQLite and PostgreSQL contexts, contexts built with other
/// options), so there is one set per model, made when a context of that model first asks.
/// </summary>
internal sealed class StepQueries
{
    private static readonly ConditionalWeakTable<IModel, StepQueries> PerModel = [];

    public static StepQueries For(WorkflowDbContext db) => PerModel.GetValue(db.Model, static _ => new StepQueries());

    /// <summary>A definition's latest version (its id and number), from the (Key, Version) index.</summary>
    public Func<WorkflowDbContext, string, CancellationToken, Task<DefinitionVersion?>> LatestDefinition { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, string key, CancellationToken _) =>
            db.Definitions.Where(d => d.Key == key).OrderByDescending(d => d.Version)
                .Select(d => new DefinitionVersion(d.Id, d.Version)).FirstOrDefault());

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<InstanceRecord?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.Instances.SingleOrDefault(i => i.Id == id));

    public Func<WorkflowDbContext, Guid, IAsyncEnumerable<TaskRecord>> OpenTasks { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id) =>
            db.Tasks.Include(t => t.Candidates).Where(t => t.InstanceId == id && t.Status == UserTaskStatus.Open.Name));

    public Func<WorkflowDbContext, Guid, IAsyncEnumerable<TimerRecord>> PendingTimers { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id) =>
            db.Timers.Where(t => t.InstanceId == id && (t.Status == TimerStatus.Pending.Name || t.Status == TimerStatus.Paused.Name)));

    /// <summary>Reads every row of <paramref name="rows"/> into the context (tracked), as <c>LoadAsync</c> does.</summary>
    public static async Task LoadAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        await foreach (var _ in rows.WithCancellation(ct))
        {
        }
    }
}

/// <summary>A definition's id and version number.</summary>
internal sealed record DefinitionVersion(int Id, int Version);
