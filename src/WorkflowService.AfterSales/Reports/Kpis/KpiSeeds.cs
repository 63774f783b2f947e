using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>A case before it is described: its instance and the instant a number counted it at.</summary>
public readonly record struct KpiSeed(Guid InstanceId, DateTimeOffset At);

/// <summary>
/// The cases behind the dashboard's numbers, as lists of instances: the same selections <see cref="KpiReport"/> counts
/// (instances started, elements left, orders received, breaches detected, in [from, to)), plus the dashboard's own
/// (first-time fixes, open orders, satisfaction scores, complaint causes). A case is late for a rule when a breach of
/// that rule was ever recorded for its instance.
/// </summary>
public sealed class KpiSeeds(WorkflowDbFactory dbFactory, InstanceCatalog catalog, BreachList breachList, IOptions<DashboardOptions> options)
{
    /// <summary>The element left in a repair's rework loop: the repair work repeated after the customer refused it.</summary>
    public const string RepairStep = "repairDevice";

    public async Task<List<KpiSeed>> StartedAsync(string definitionKey, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == definitionKey && i.StartedAt >= from && i.StartedAt < to)
            .Select(i => new { i.Id, i.StartedAt }).ToListAsync(ct);
        return rows.Select(r => new KpiSeed(r.Id, r.StartedAt)).ToList();
    }

    /// <summary>Instances that reached the milestone in the period (the first time they left one of its elements), at that instant.</summary>
    public async Task<List<KpiSeed>> ReachedAsync(MilestoneDefinition milestone, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await new RuleOutcomes(dbFactory).MilestoneCasesAsync(milestone.Name, from, to, ct);
        return [.. rows.Select(r => new KpiSeed(r.InstanceId, r.At))];
    }

    /// <summary>The work orders (of a type, or all) received in the period, at their receipt.</summary>
    public async Task<List<KpiSeed>> ReceivedAsync(string? type, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var received = a.Orders.AsNoTracking().Where(o => o.ReceivedAt >= from && o.ReceivedAt < to);
        if (type is not null) received = received.Where(o => o.Type == type);
        var rows = await received.Select(o => new { o.InstanceId, o.ReceivedAt }).ToListAsync(ct);
        return rows.Select(r => new KpiSeed(r.InstanceId, r.ReceivedAt)).ToList();
    }

    /// <summary>Which of these instances have a breach of <paramref name="rule"/> (whenever detected).</summary>
    public async Task<IReadOnlySet<Guid>> BreachedAsync(IReadOnlyCollection<KpiSeed> seeds, string rule, CancellationToken ct) =>
        seeds.Count == 0 ? new HashSet<Guid>() : await catalog.BreachedAsync([.. seeds.Select(s => s.InstanceId).Distinct()], rule, ct);

    /// <summary>
    /// The repairs (repair work finished, <paramref name="repairs"/>) fixed the first time: the repair step was done once
    /// (the customer did not refuse the repair and send it back), and no new repair order for one of the order's devices
    /// was received within <see cref="DashboardOptions.FirstTimeFixDays"/> days after the repair work finished.
    /// </summary>
    public async Task<List<KpiSeed>> FirstTimeFixesAsync(IReadOnlyCollection<KpiSeed> repairs, CancellationToken ct)
    {
        if (repairs.Count == 0) return [];
        var ids = repairs.Select(r => r.InstanceId).ToList();
        await using var db = dbFactory.Create();
        string leftEvent = HistoryEvent.Left;
        var reworked = (await db.History.AsNoTracking()
            .Where(h => h.Event == leftEvent && h.ElementId == RepairStep && ids.Contains(h.InstanceId))
            .GroupBy(h => h.InstanceId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct)).ToHashSet();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var own = await a.Orders.AsNoTracking().Where(o => ids.Contains(o.InstanceId))
            .Join(a.OrderDevices.AsNoTracking(), o => o.Number, d => d.OrderNumber, (o, d) => new { o.InstanceId, o.Number, d.DeviceId })
            .ToListAsync(ct);
        var deviceIds = own.Select(d => d.DeviceId).Distinct().ToList();
        var repairType = OrderType.Repair.Name;
        // Two reads joined here, not one join: SQLite drove that from the repair orders and tried each of a month's
        // devices against each order (an hour and more at 60,000 repairs); each read below walks its own index once.
        var links = deviceIds.Count == 0 ? [] : await a.OrderDevices.AsNoTracking().Where(d => deviceIds.Contains(d.DeviceId))
            .Select(d => new { d.DeviceId, d.OrderNumber }).ToListAsync(ct);
        var numbers = links.Select(l => l.OrderNumber).Distinct().ToList();
        var repairOrders = numbers.Count == 0 ? [] : await a.Orders.AsNoTracking().Where(o => o.Type == repairType && numbers.Contains(o.Number))
            .Select(o => new { o.Number, o.ReceivedAt }).ToDictionaryAsync(o => o.Number, o => o.ReceivedAt, ct);
        var later = links.Where(l => repairOrders.ContainsKey(l.OrderNumber))
            .Select(l => new { l.DeviceId, Number = l.OrderNumber, ReceivedAt = repairOrders[l.OrderNumber] }).ToList();
        var window = TimeSpan.FromDays(options.Value.FirstTimeFixDays);
        var devicesOf = own.ToLookup(o => o.InstanceId);
        var ordersOf = later.ToLookup(l => l.DeviceId);
        bool Repeated(KpiSeed r) => devicesOf[r.InstanceId].Any(o => ordersOf[o.DeviceId]
            .Any(l => l.Number != o.Number && l.ReceivedAt > r.At && l.ReceivedAt <= r.At + window));
        return repairs.Where(r => !reworked.Contains(r.InstanceId) && !Repeated(r)).ToList();
    }

    /// <summary>
    /// The work orders open at <paramref name="end"/> (received before it, their instance started before it and not ended
    /// by then), each with its age bucket (<see cref="OrderAge"/>) counted to <paramref name="end"/>.
    /// </summary>
    public async Task<List<(KpiSeed Order, string Bucket)>> OpenOrdersAsync(DateTimeOffset end, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        // The instances running at the end first: far fewer than the orders ever received before it.
        var running = await db.Instances.AsNoTracking().Where(i => i.StartedAt < end && (i.EndedAt == null || i.EndedAt >= end))
            .Select(i => i.Id).ToListAsync(ct);
        if (running.Count == 0) return [];
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var orders = await a.Orders.AsNoTracking().Where(o => o.ReceivedAt < end && running.Contains(o.InstanceId))
            .Select(o => new { o.InstanceId, o.ReceivedAt }).ToListAsync(ct);
        return orders.Select(o => (new KpiSeed(o.InstanceId, o.ReceivedAt), OrderAge.Of(end - o.ReceivedAt))).ToList();
    }

    /// <summary>
    /// The satisfaction answers (1–5) of the follow-ups done in the period, as each follow-up's milestone kept them when
    /// the call was completed; a follow-up without a score 1–5 is left out.
    /// </summary>
    public async Task<Dictionary<Guid, int>> ScoresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var followUps = await new RuleOutcomes(dbFactory).MilestoneCasesAsync(KpiReport.FollowUpDone.Name, from, to, ct);
        return followUps.Where(f => KpiReport.IsScore(f.Number)).ToDictionary(f => f.InstanceId, f => (int)f.Number!.Value);
    }

    /// <summary>The cause key of each complaint (<see cref="ComplaintCauses"/>).</summary>
    public async Task<Dictionary<Guid, string>> CausesAsync(IReadOnlyCollection<KpiSeed> complaints, CancellationToken ct)
    {
        if (complaints.Count == 0) return [];
        var ids = complaints.Select(c => c.InstanceId).Distinct().ToList();
        var causes = await new RuleOutcomes(dbFactory).VariableOfAsync(ids, "cause", ct);
        return ids.ToDictionary(id => id, id => ComplaintCauses.OfJson(causes.GetValueOrDefault(id)));
    }

    /// <summary>The breaches detected in the period (a rule's or a person's, or all), oldest first.</summary>
    public async Task<IReadOnlyList<BreachView>> BreachesAsync(DateTimeOffset from, DateTimeOffset to, string? rule, string? person,
        CancellationToken ct)
    {
        var list = await breachList.ListAsync(new BreachFilter(Rule: rule, From: from, To: to, Person: person), 0, int.MaxValue, ct);
        return list.Reverse().ToList();
    }
}
