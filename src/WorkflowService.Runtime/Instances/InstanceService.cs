using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Instances;

public sealed record PendingTimerView(string ElementId, DateTimeOffset DueAt, string? SlaRule);

public sealed record InstanceView(
    InstanceRecord Record,
    InstanceState State,
    IReadOnlyList<PendingTimerView> PendingTimers)
{
    public IReadOnlyList<string> ActiveElementIds => [.. State.ActiveElementIds];
}

/// <summary>Reading, cancelling and repairing instances.</summary>
/// <remarks>
/// Reads take the <see cref="Caller"/>: an instance the caller may not see (<see cref="InstanceVisibility"/>)
/// is reported as not existing, so its id reveals nothing.
/// </remarks>
public sealed class InstanceService(WorkflowDbFactory dbFactory, InstanceRunner runner)
{
    /// <summary>Starts the latest version of a process, if its starter lists allow <paramref name="caller"/>.</summary>
    public Task<StepOutcome> StartAsync(string definitionKey, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, Caller caller, CancellationToken ct = default) =>
        runner.StartAsync(definitionKey, businessKey, variables, caller.UserName, startingAs: caller, ct: ct);

    /// <summary>
    /// Starts an instance unless one of the same process with the same business key exists (in any
    /// status), so a sender that repeats itself (a PBX resending "ringing") starts one instance.
    /// The check runs inside the start's transaction, behind a lock on the key where the database
    /// has one (PostgreSQL); SQLite transactions are serialised anyway.
    /// </summary>
    public async Task<(InstanceRecord Instance, bool Started)> StartOnceAsync(string definitionKey, string businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, string? startedBy, CancellationToken ct = default)
    {
        if (await FindAsync(definitionKey, businessKey, ct) is { } existing) return (existing, false);
        var lockKey = $"{definitionKey}/{businessKey}";
        try
        {
            var outcome = await runner.StartAsync(definitionKey, businessKey, variables, startedBy, null,
                async (db, _, _) =>
                {
                    await ClusterLock.ForTransactionAsync(db, lockKey, ct);
                    if (await db.Instances.AnyAsync(i => i.DefinitionKey == definitionKey && i.BusinessKey == businessKey, ct))
                        throw new AlreadyStartedException();
                }, ct: ct);
            return (outcome.Instance, true);
        }
        catch (AlreadyStartedException)
        {
            return ((await FindAsync(definitionKey, businessKey, ct))!, false);
        }
    }

    /// <summary>The newest instance of a process with a business key, or null.</summary>
    public async Task<InstanceRecord?> FindAsync(string definitionKey, string businessKey, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == definitionKey && i.BusinessKey == businessKey)
            .OrderByDescending(i => i.StartedAt).FirstOrDefaultAsync(ct);
    }

    private sealed class AlreadyStartedException : Exception;

    public async Task<InstanceView> GetAsync(Guid id, Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var record = await db.Instances.AsNoTracking().VisibleTo(db, caller).SingleOrDefaultAsync(i => i.Id == id, ct)
                     ?? throw NotFound(id);
        var timers = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId == id && t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt)
            .Select(t => new PendingTimerView(t.ElementId, t.DueAt, t.SlaRule)).ToListAsync(ct);
        return new InstanceView(record, InstanceStateJson.Deserialize(record.StateJson), timers);
    }

    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(string? definitionKey, string? status, int skip, int take,
        Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var query = db.Instances.AsNoTracking().VisibleTo(db, caller);
        if (definitionKey is { Length: > 0 }) query = query.Where(i => i.DefinitionKey == definitionKey);
        if (status is { Length: > 0 })
        {
            var name = ParseStatus(status).Name;
            query = query.Where(i => i.Status == name);
        }
        return await query.OrderByDescending(i => i.StartedAt).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<HistoryRecord>> HistoryAsync(Guid id, Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        if (!await db.Instances.VisibleTo(db, caller).AnyAsync(i => i.Id == id, ct)) throw NotFound(id);
        return await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderBy(h => h.Id).ToListAsync(ct);
    }

    private static NotFoundException NotFound(Guid id) => new($"Instance {id} does not exist");

    public async Task<StepOutcome> CancelAsync(Guid id, string by, string? reason, CancellationToken ct = default)
    {
        var outcome = await runner.HandleAsync(id, scope =>
            ValueTask.FromResult<InstanceEvent>(new CancelRequested(reason, by) { At = scope.Now }), ct);
        if (outcome.Ignored) throw new ConflictException($"Instance {id} cannot be cancelled: {outcome.IgnoredReason}");
        return outcome;
    }

    public async Task<StepOutcome> RetryIncidentAsync(Guid id, int incidentId, IReadOnlyDictionary<string, JsonElement>? variables,
        string by, CancellationToken ct = default)
    {
        var vars = variables is null ? null : VariableMap.Empty.SetItems(variables);
        var outcome = await runner.HandleAsync(id, scope =>
            ValueTask.FromResult<InstanceEvent>(new IncidentRetried(incidentId, vars, by) { At = scope.Now }), ct);
        if (outcome.Ignored) throw new ConflictException($"Incident {incidentId} cannot be retried: {outcome.IgnoredReason}");
        return outcome;
    }

    public async Task<IReadOnlyList<BreachRecord>> BreachesAsync(Guid? instanceId, string? rule, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var query = db.Breaches.AsNoTracking();
        if (instanceId is { } i) query = query.Where(b => b.InstanceId == i);
        if (rule is { Length: > 0 }) query = query.Where(b => b.Rule == rule);
        return await query.OrderByDescending(b => b.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    private static InstanceStatus ParseStatus(string status)
    {
        try
        {
            return InstanceStatus.Parse(status);
        }
        catch (FormatException ex)
        {
            throw new ValidationException(ex.Message, [new ValidationError(ex.Message, "status", "enum")]);
        }
    }
}
