using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Instances;

/// <param name="DueAt">When it fires; for a paused SLA timer, the due time it had when it stopped.</param>
/// <param name="Paused">Stopped by an slaPause element; <paramref name="Left"/> is the time it keeps (working time in <paramref name="Calendar"/>).</param>
public sealed record PendingTimerView(string ElementId, DateTimeOffset DueAt, string? SlaRule, bool Paused = false, TimeSpan? Left = null,
    string? Calendar = null);

public sealed record InstanceView(
    InstanceHeader Instance,
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
public sealed class InstanceService(WorkflowDbFactory dbFactory, InstanceRunner runner, ProcessTexts texts)
{
    /// <summary>
    /// Starts the latest version of a process, if its starter lists allow <paramref name="caller"/>. The variables are the
    /// caller's answers to the process's start form: checked against it (a <see cref="ValidationException"/> naming each
    /// refused field starts nothing); a process without a start form takes them as they are.
    /// </summary>
    public async Task<InstanceStarted> StartAsync(string definitionKey, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, Caller caller, CancellationToken ct = default)
    {
        var answers = variables ?? VariableMap.Empty;
        var outcome = await runner.StartAsync(definitionKey, (_, _) => Task.FromResult(new StartInputs(businessKey, null, answers)),
            caller.UserName, null, null, caller, ct);
        return new InstanceStarted(InstanceHeader.From(outcome.Instance), outcome.State);
    }

    /// <summary>
    /// Starts the latest version of a process together with a record of the caller's own (AfterSales: a work order),
    /// in one transaction: <paramref name="inputs"/> decides the business key and variables inside it (and may write
    /// its rows on the same connection and transaction, <c>db.Database</c>), <paramref name="alongside"/> writes what
    /// names the new instance before the commit. Either throws, and nothing of the start or of the record is kept.
    /// <see cref="StartInputs.Answers"/> (none given: none answered) are checked against the start form as
    /// <see cref="StartAsync"/> checks its variables, except the fields <see cref="StartInputs.Variables"/> set: those
    /// are the caller's own facts, never asked of the person, and they win.
    /// </summary>
    public async Task<InstanceStarted> StartWithAsync(string definitionKey, Caller caller,
        Func<WorkflowDbContext, DateTimeOffset, Task<StartInputs>> inputs, Func<WorkflowDbContext, InstanceHeader, Task> alongside,
        CancellationToken ct = default)
    {
        var outcome = await runner.StartAsync(definitionKey,
            async (db, now) =>
            {
                var given = await inputs(db, now);
                return given.Answers is null ? given with { Answers = VariableMap.Empty } : given;
            },
            caller.UserName, null,
            scope => alongside(scope.Db, InstanceHeader.From(scope.Instance)), caller, ct);
        return new InstanceStarted(InstanceHeader.From(outcome.Instance), outcome.State);
    }

    /// <summary>
    /// Starts an instance unless one of the same process with the same business key exists (in any
    /// status), so a sender that repeats itself (a PBX resending "ringing") starts one instance.
    /// The check runs inside the start's transaction, behind a lock on the key where the database
    /// has one (PostgreSQL); SQLite transactions are serialised anyway.
    /// </summary>
    public async Task<(InstanceHeader Instance, bool Started)> StartOnceAsync(string definitionKey, string businessKey,
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
            return (InstanceHeader.From(outcome.Instance), true);
        }
        catch (AlreadyStartedException)
        {
            return ((await FindAsync(definitionKey, businessKey, ct))!, false);
        }
    }

    /// <summary>The newest instance of a process with a business key, or null.</summary>
    public async Task<InstanceHeader?> FindAsync(string definitionKey, string businessKey, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == definitionKey && i.BusinessKey == businessKey)
            .OrderByDescending(i => i.StartedAt).Select(InstanceHeader.FromRow).FirstOrDefaultAsync(ct);
    }

    private sealed class AlreadyStartedException : Exception;

    public async Task<InstanceView> GetAsync(Guid id, Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var found = await db.Instances.AsNoTracking().VisibleTo(db, caller).Where(i => i.Id == id).Select(InstanceHeader.WithState)
                        .SingleOrDefaultAsync(ct)
                    ?? throw NotFound(id);
        var timers = await PendingTimersOf(db, [id]).ToListAsync(ct);
        return new InstanceView(found.Header, InstanceStateJson.Deserialize(found.StateJson), [.. timers.Select(t => t.Timer)]);
    }

    public async Task<IReadOnlyList<InstanceHeader>> ListAsync(string? definitionKey, string? status, int skip, int take,
        Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await Listed(db, definitionKey, status, skip, take, caller).Select(InstanceHeader.FromRow).ToListAsync(ct);
    }

    /// <summary>
    /// The instances of <see cref="ListAsync"/> with their state and pending timers, in two queries whatever
    /// the page size, for lists that show what became of each instance.
    /// </summary>
    public async Task<IReadOnlyList<InstanceView>> ListViewsAsync(string? definitionKey, string? status, int skip, int take,
        Caller caller, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var found = await Listed(db, definitionKey, status, skip, take, caller)
            .Select(InstanceHeader.WithState)
            .ToListAsync(ct);
        var ids = found.Select(f => f.Header.Id).ToList();
        var timers = (await PendingTimersOf(db, ids).ToListAsync(ct)).ToLookup(t => t.InstanceId, t => t.Timer);
        return [.. found.Select(f => new InstanceView(f.Header, InstanceStateJson.Deserialize(f.StateJson), [.. timers[f.Header.Id]]))];
    }

    private static IQueryable<InstanceRecord> Listed(WorkflowDbContext db, string? definitionKey, string? status, int skip, int take,
        Caller caller)
    {
        var query = db.Instances.AsNoTracking().VisibleTo(db, caller);
        if (definitionKey is { Length: > 0 }) query = query.Where(i => i.DefinitionKey == definitionKey);
        if (status is { Length: > 0 })
        {
            var name = ParseStatus(status).Name;
            query = query.Where(i => i.Status == name);
        }
        return query.OrderByDescending(i => i.StartedAt).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500));
    }

    private static IQueryable<PendingTimerOf> PendingTimersOf(WorkflowDbContext db, IReadOnlyCollection<Guid> instanceIds) =>
        db.Timers.AsNoTracking()
            // Warnings are the timer's own business: the list shows the clocks.
            .Where(t => t.InstanceId != null && instanceIds.Contains(t.InstanceId.Value) && t.WarnMark == null
                        && (t.Status == TimerStatus.Pending || t.Status == TimerStatus.Paused))
            .OrderBy(t => t.DueAt)
            .Select(t => new PendingTimerOf(t.InstanceId!.Value, new PendingTimerView(t.ElementId, t.DueAt, t.SlaRule,
                t.Status == TimerStatus.Paused, t.Left, t.Calendar)));

    private sealed record PendingTimerOf(Guid InstanceId, PendingTimerView Timer);

    /// <summary>
    /// The instances among <paramref name="instanceIds"/> whose SLA clock is paused (an slaPause element
    /// is active), with the least time any of their paused clocks has left: what the inbox shows.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> PausedClocksAsync(IReadOnlyCollection<Guid> instanceIds,
        CancellationToken ct = default)
    {
        if (instanceIds.Count == 0) return new Dictionary<Guid, TimeSpan>();
        await using var db = dbFactory.Create();
        var paused = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId != null && instanceIds.Contains(t.InstanceId.Value) && t.WarnMark == null
                        && t.Status == TimerStatus.Paused)
            .Select(t => new { InstanceId = t.InstanceId!.Value, t.Left })
            .ToListAsync(ct);
        return paused.GroupBy(p => p.InstanceId).ToDictionary(g => g.Key, g => g.Min(p => p.Left ?? TimeSpan.Zero));
    }

    /// <summary>The headers of these instances, whoever may see them (for records that name their instances); unknown ids are left out.</summary>
    public async Task<IReadOnlyList<InstanceHeader>> ListByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = dbFactory.Create();
        return await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(InstanceHeader.FromRow).ToListAsync(ct);
    }

    /// <summary>
    /// The variables of several instances in one query, for lists that show a variable on each row; an
    /// instance the caller may not see, or that does not exist, is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, JsonElement>>> VariablesAsync(
        IReadOnlyCollection<Guid> ids, Caller caller, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<Guid, IReadOnlyDictionary<string, JsonElement>>();
        await using var db = dbFactory.Create();
        var states = await db.Instances.AsNoTracking().VisibleTo(db, caller).Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.StateJson }).ToListAsync(ct);
        return states.ToDictionary(s => s.Id, s => (IReadOnlyDictionary<string, JsonElement>)InstanceStateJson.Deserialize(s.StateJson).Variables);
    }

    public async Task<IReadOnlyList<InstanceHistoryEntry>> HistoryAsync(Guid id, Caller caller, CancellationToken ct = default)
    {
        string key;
        List<InstanceHistoryEntry> history;
        await using (var db = dbFactory.Create())
        {
            key = await db.Instances.VisibleTo(db, caller).Where(i => i.Id == id).Select(i => i.DefinitionKey).SingleOrDefaultAsync(ct)
                  ?? throw NotFound(id);
            history = await db.History.AsNoTracking().Where(h => h.InstanceId == id).OrderBy(h => h.Id).Select(InstanceHistoryEntry.FromRow)
                .ToListAsync(ct);
        }
        if (ProcessTexts.Language is null) return history;
        // Names in the reader's language; the process's own entries (started, ended) carry the process's name.
        var book = await texts.BookAsync(key, ct);
        return [.. history.Select(h => h with
        {
            ElementName = h.ElementId == key ? book.Process(key, h.ElementName) : book.Element(key, h.ElementId, h.ElementName),
        })];
    }

    private static NotFoundException NotFound(Guid id) => new($"Instance {id} does not exist");

    /// <returns>The instance as the cancellation left it.</returns>
    public async Task<InstanceHeader> CancelAsync(Guid id, string by, string? reason, CancellationToken ct = default)
    {
        var outcome = await runner.HandleAsync(id, scope =>
            ValueTask.FromResult<InstanceEvent>(new CancelRequested(reason, by) { At = scope.Now }), ct);
        if (outcome.Ignored) throw new ConflictException($"Instance {id} cannot be cancelled: {outcome.IgnoredReason}");
        return InstanceHeader.From(outcome.Instance);
    }

    /// <returns>The instance as the retry left it.</returns>
    public async Task<InstanceHeader> RetryIncidentAsync(Guid id, int incidentId, IReadOnlyDictionary<string, JsonElement>? variables,
        string by, CancellationToken ct = default)
    {
        var vars = variables is null ? null : VariableMap.Empty.SetItems(variables);
        var outcome = await runner.HandleAsync(id, scope =>
            ValueTask.FromResult<InstanceEvent>(new IncidentRetried(incidentId, vars, by) { At = scope.Now }), ct);
        if (outcome.Ignored) throw new ConflictException($"Incident {incidentId} cannot be retried: {outcome.IgnoredReason}");
        return InstanceHeader.From(outcome.Instance);
    }

    public async Task<IReadOnlyList<BreachView>> BreachesAsync(Guid? instanceId, string? rule, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var query = db.Breaches.AsNoTracking();
        if (instanceId is { } i) query = query.Where(b => b.InstanceId == i);
        if (rule is { Length: > 0 }) query = query.Where(b => b.Rule == rule);
        return await query.OrderByDescending(b => b.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000))
            .Select(BreachView.FromRow).ToListAsync(ct);
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
