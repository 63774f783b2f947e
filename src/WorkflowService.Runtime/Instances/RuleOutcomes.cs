using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>How many cases a rule had in a period and how many of them broke it (<see cref="RuleOutcomes"/>).</summary>
/// <param name="Instances">The instances counted, when asked for: for the figures that read more about them.</param>
public sealed record RuleTally(int Cases, int Breached, IReadOnlyList<Guid> Instances)
{
    public int Kept => Cases - Breached;
}

/// <summary>
/// A read model for reports: counts over instances, history and breaches, each in one query on indexed columns where
/// they exist, so that a period of many thousand instances is counted in the database rather than read row by row.
/// A case breaks a rule when at least one breach of that rule was recorded for its instance, whenever it was detected.
/// Periods are half-open, [from, to).
/// </summary>
public sealed class RuleOutcomes(WorkflowDbFactory dbFactory)
{
    /// <summary>Instances of <paramref name="definitionKey"/> started in the period, and those of them with a breach of <paramref name="rule"/>.</summary>
    public async Task<RuleTally> StartedAsync(string definitionKey, string rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var started = db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == definitionKey && i.StartedAt >= from && i.StartedAt < to);
        var cases = await started.CountAsync(ct);
        var breached = await started.CountAsync(i => db.Breaches.Any(b => b.InstanceId == i.Id && b.Rule == rule), ct);
        return new RuleTally(cases, breached, []);
    }

    /// <summary>
    /// Instances in which one of <paramref name="elements"/> (a process and an element of it) was left normally — a task
    /// completed, a subprocess finished, not interrupted — in the period (an instance counts once, however often), and
    /// those of them with a breach of <paramref name="rule"/>; with <paramref name="listInstances"/>, which they are.
    /// </summary>
    public async Task<RuleTally> LeftAsync(IReadOnlyCollection<(string DefinitionKey, string ElementId)> elements, string rule,
        DateTimeOffset from, DateTimeOffset to, bool listInstances = false, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var instances = Left(db, elements, from, to);
        var cases = await instances.CountAsync(ct);
        if (cases == 0) return new RuleTally(0, 0, []);
        var breached = await instances.CountAsync(id => db.Breaches.Any(b => b.InstanceId == id && b.Rule == rule), ct);
        return new RuleTally(cases, breached, listInstances ? await instances.ToListAsync(ct) : []);
    }

    /// <summary>
    /// The value of <paramref name="variable"/> (as JSON text) of each instance <see cref="LeftAsync"/> counts, where the
    /// instance has it. Taken out of the state in the database (SQLite's <c>-&gt;</c>, PostgreSQL's <c>json -&gt;</c>, both
    /// giving the value's own JSON text), so that a month of tens of thousands of instances is not read and parsed whole.
    /// </summary>
    public async Task<IReadOnlyList<string>> LeftVariableAsync(IReadOnlyCollection<(string DefinitionKey, string ElementId)> elements,
        DateTimeOffset from, DateTimeOffset to, string variable, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var instances = Left(db, elements, from, to);
        // Instances without the variable are dropped here, not in SQL: a filter there would take each state apart twice.
        var found = await Values(db, variable).Where(v => instances.Contains(v.Id)).Select(v => v.Value).ToListAsync(ct);
        return [.. found.OfType<string>()];
    }

    /// <summary>
    /// The value of <paramref name="variable"/> (as JSON text) of each of these instances that has it, taken out of the
    /// state in the database as <see cref="LeftVariableAsync"/> does (a month's answers without parsing whole states).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> VariableOfAsync(IReadOnlyCollection<Guid> instanceIds, string variable,
        CancellationToken ct = default)
    {
        if (instanceIds.Count == 0) return new Dictionary<Guid, string>();
        await using var db = dbFactory.Create();
        var found = await Values(db, variable).Where(v => instanceIds.Contains(v.Id)).ToListAsync(ct);
        return found.Where(v => v.Value is not null).ToDictionary(v => v.Id, v => v.Value!);
    }

    /// <summary>Every instance's value of <paramref name="variable"/> as JSON text (null without it), to be narrowed by id.</summary>
    private static IQueryable<VariableValue> Values(WorkflowDbContext db, string variable) =>
        // The variable's name is a parameter; SQLite's path quotes it as a JSON key (a name may hold '.' or '['). PostgreSQL:
        // json (not jsonb, which would rewrite numbers) and one path lookup, each state parsed as few times as it can be.
        db.Database.IsSqlite()
            ? db.Database.SqlQueryRaw<VariableValue>("""SELECT "Id", "StateJson" -> {0} AS "Value" FROM "instances" """,
                "$.variables." + JsonSerializer.Serialize(variable))
            : db.Database.SqlQueryRaw<VariableValue>("""SELECT "Id", json_extract_path("StateJson"::json, 'variables', {0})::text AS "Value" FROM "instances" """,
                variable);

    /// <summary>An instance and one variable's JSON text, read by <see cref="LeftVariableAsync"/>.</summary>
    private sealed record VariableValue(Guid Id, string? Value);

    /// <summary>
    /// The instances <see cref="LeftAsync"/> counts, each with the first instant in the period it left one of the
    /// elements: for the lists behind the numbers.
    /// </summary>
    public async Task<IReadOnlyList<(Guid InstanceId, DateTimeOffset At)>> FirstLeftAsync(
        IReadOnlyCollection<(string DefinitionKey, string ElementId)> elements, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var rows = await LeftRows(db, elements, from, to).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.InstanceId).Select(g => (g.Key, g.Min(r => r.At)))];
    }

    /// <summary>The instances in which one of <paramref name="elements"/> was left normally in the period, each once.</summary>
    private static IQueryable<Guid> Left(WorkflowDbContext db, IReadOnlyCollection<(string DefinitionKey, string ElementId)> elements,
        DateTimeOffset from, DateTimeOffset to) =>
        LeftRows(db, elements, from, to).Select(x => x.InstanceId).Distinct();

    /// <summary>Each normal leaving of one of <paramref name="elements"/> in the period: its instance and when.</summary>
    private static IQueryable<LeftRow> LeftRows(WorkflowDbContext db, IReadOnlyCollection<(string DefinitionKey, string ElementId)> elements,
        DateTimeOffset from, DateTimeOffset to)
    {
        var elementIds = elements.Select(e => e.ElementId).Distinct().ToList();
        // "process/element" pairs compared as one text: an IN list on both providers, however many pairs.
        var pairs = elements.Select(e => e.DefinitionKey + "/" + e.ElementId).ToList();
        string leftEvent = HistoryEvent.Left;
        return db.History.AsNoTracking()
            .Where(h => h.Event == leftEvent && elementIds.Contains(h.ElementId) && h.At >= from && h.At < to)
            .Join(db.Instances.AsNoTracking(), h => h.InstanceId, i => i.Id,
                (h, i) => new { h.InstanceId, h.At, Pair = i.DefinitionKey + "/" + h.ElementId })
            .Where(x => pairs.Contains(x.Pair)).Select(x => new LeftRow { InstanceId = x.InstanceId, At = x.At });
    }

    private sealed class LeftRow
    {
        public Guid InstanceId { get; init; }
        public DateTimeOffset At { get; init; }
    }

    /// <summary>
    /// The instances with a breach of <paramref name="rule"/> detected at or after <paramref name="since"/>: for cases
    /// counted elsewhere (a record started at or after <paramref name="since"/> cannot have broken a rule before it).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> BreachedSinceAsync(string rule, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Breaches.AsNoTracking().Where(b => b.Rule == rule && b.DetectedAt >= since)
            .Select(b => b.InstanceId).Distinct().ToListAsync(ct);
    }

    /// <summary>Breaches detected in the period, by rule: each recorded breach counts once, in the period it was detected.</summary>
    public async Task<IReadOnlyDictionary<string, int>> BreachesByRuleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Breaches.AsNoTracking().Where(b => b.DetectedAt >= from && b.DetectedAt < to)
            .GroupBy(b => b.Rule).Select(g => new { Rule = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Rule, g => g.Count, StringComparer.Ordinal, ct);
    }
}
