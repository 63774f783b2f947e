using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>How many cases a rule had in a period and how many of them broke it (<see cref="RuleOutcomes"/>).</summary>
public sealed record RuleTally(int Cases, int Breached)
{
    public int Kept => Cases - Breached;
}

/// <summary>
/// A read model for reports: counts over instances, milestones and breaches, each in one query on indexed columns, so
/// that a period of many thousand instances is counted in the database rather than read row by row.
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
        // From the rule's breaches, each instance looked up: far fewer than the instances started (a month's 120,000 calls
        // each tested for a breach took 200 ms on SQLite; their few thousand breaches, a few ms). Only those detected since
        // the period began: an instance's breach is never detected before the instance started.
        var breached = cases == 0 ? 0 : await db.Breaches.AsNoTracking().Where(b => b.Rule == rule && b.DetectedAt >= from)
            .Select(b => b.InstanceId).Distinct()
            .CountAsync(id => started.Any(i => i.Id == id), ct);
        return new RuleTally(cases, breached);
    }

    /// <summary>
    /// The value of <paramref name="variable"/> (as JSON text) of each of these instances that has it, taken out of the
    /// state in the database (<see cref="StateVariables"/>: a month's answers without parsing whole states).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> VariableOfAsync(IReadOnlyCollection<Guid> instanceIds, string variable,
        CancellationToken ct = default)
    {
        if (instanceIds.Count == 0) return new Dictionary<Guid, string>();
        await using var db = dbFactory.Create();
        var found = await StateVariables.Of(db, variable).Where(v => instanceIds.Contains(v.Id)).ToListAsync(ct);
        return found.Where(v => v.Value is not null).ToDictionary(v => v.Id, v => v.Value!);
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

    /// <summary>
    /// The instances that reached milestone <paramref name="name"/> in the period (<see cref="MilestoneDefinition"/>: the
    /// first time they left one of its elements), and those of them with a breach of the milestone's rule (whenever
    /// recorded): counted off one index, in one read.
    /// </summary>
    public async Task<RuleTally> MilestoneAsync(string name, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        // Two plain counts, each a range of the index: one query with a GROUP BY (EF's form of "both at once") sorts the
        // period's rows first on SQLite.
        var reached = Reached(db, name, from, to);
        var cases = await reached.CountAsync(ct);
        var breached = cases == 0 ? 0 : await reached.CountAsync(m => m.Breached, ct);
        return new RuleTally(cases, breached);
    }

    /// <summary>
    /// How many instances that reached milestone <paramref name="name"/> in the period kept a whole number from
    /// <paramref name="least"/> to <paramref name="greatest"/> (e.g. a satisfaction score 1–5), and their sum: for an
    /// average, off the index.
    /// </summary>
    public async Task<(int Count, double Sum)> MilestoneWholeNumbersAsync(string name, DateTimeOffset from, DateTimeOffset to,
        int least, int greatest, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var numbers = Reached(db, name, from, to)
            .Where(m => m.Number >= least && m.Number <= greatest && m.Number == (double)(long)m.Number!.Value);
        // A count and a sum, each a plain aggregate over the index (EF's one-query form groups, and SQLite sorts to group).
        var count = await numbers.CountAsync(ct);
        return (count, count == 0 ? 0 : await numbers.SumAsync(m => m.Number!.Value, ct));
    }

    /// <summary>The instances that reached milestone <paramref name="name"/> in the period, each with when, whether late, and its number.</summary>
    public async Task<IReadOnlyList<MilestoneCase>> MilestoneCasesAsync(string name, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await Reached(db, name, from, to).Select(m => new MilestoneCase(m.InstanceId, m.At, m.Breached, m.Number)).ToListAsync(ct);
    }

    private static IQueryable<MilestoneRecord> Reached(WorkflowDbContext db, string name, DateTimeOffset from, DateTimeOffset to) =>
        db.Milestones.AsNoTracking().Where(m => m.Name == name && m.At >= from && m.At < to);
}

/// <summary>An instance that reached a milestone: when, whether a breach of its rule was recorded, and its number if any.</summary>
public sealed record MilestoneCase(Guid InstanceId, DateTimeOffset At, bool Breached, double? Number);
