using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The cases behind one number of the dashboard (<see cref="KpiNumber"/>): exactly those the number counted, so that
/// the list's length is the number, each described with its order, customer and breaches.
/// </summary>
public sealed class KpiCases(WorkflowDbFactory dbFactory, KpiSeeds seeds, IOptions<AfterSalesOptions> options, TimeProvider clock)
{
    public async Task<KpiCaseList> ListAsync(KpiNumber number, KpiPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        List<KpiSeed> cases;
        string? rule = null; // the rule whose breaches make a case late; null: any of the instance's
        switch (number.Name)
        {
            case KpiNumber.Rule or KpiNumber.Person:
                var breaches = number.Name == KpiNumber.Rule
                    ? await seeds.BreachesAsync(from, to, number.Value, null, ct)
                    : await seeds.BreachesAsync(from, to, null, number.Value, ct);
                return new KpiCaseList(number.ToString(), from, to, await DescribeBreachesAsync(breaches, ct));
            case KpiNumber.Calls or KpiNumber.CallsInTime or KpiNumber.MissedCalls:
                rule = KpiReport.ThreeRings;
                cases = await OnTimeAsync(await seeds.StartedAsync(options.Value.CallProcess, from, to, ct), rule, number.Name,
                    KpiNumber.CallsInTime, KpiNumber.MissedCalls, ct);
                break;
            case KpiNumber.Requests or KpiNumber.AcceptedOnTime or KpiNumber.AcceptedLate:
                rule = KpiReport.Acceptance;
                cases = await OnTimeAsync(await seeds.ReceivedAsync(null, from, to, ct), rule, number.Name,
                    KpiNumber.AcceptedOnTime, KpiNumber.AcceptedLate, ct);
                break;
            case KpiNumber.Repairs or KpiNumber.RepairsOnTime:
                rule = KpiReport.RepairTurnaround;
                cases = await OnTimeAsync(await seeds.ReachedAsync(KpiReport.RepairDone, from, to, ct), rule, number.Name,
                    KpiNumber.RepairsOnTime, null, ct);
                break;
            case KpiNumber.FirstTimeFixes:
                rule = KpiReport.RepairTurnaround;
                cases = await seeds.FirstTimeFixesAsync(await seeds.ReachedAsync(KpiReport.RepairDone, from, to, ct), ct);
                break;
            case KpiNumber.FollowUps or KpiNumber.FollowUpsOnTime:
                rule = KpiReport.FollowUp;
                cases = await OnTimeAsync(await seeds.ReachedAsync(KpiReport.FollowUpDone, from, to, ct), rule, number.Name,
                    KpiNumber.FollowUpsOnTime, null, ct);
                break;
            case KpiNumber.Satisfaction:
                rule = KpiReport.FollowUp;
                var followUps = await seeds.ReachedAsync(KpiReport.FollowUpDone, from, to, ct);
                var scores = await seeds.ScoresAsync(from, to, ct);
                cases = followUps.Where(f => scores.TryGetValue(f.InstanceId, out var s) && (number.Value is null || number.Value == $"{s}")).ToList();
                break;
            case KpiNumber.Slips or KpiNumber.SlipsOnTime:
                rule = KpiReport.RepairSlip;
                cases = await OnTimeAsync(await seeds.ReachedAsync(KpiReport.SlipHandedIn, from, to, ct), rule, number.Name,
                    KpiNumber.SlipsOnTime, null, ct);
                break;
            case KpiNumber.Complaints or KpiNumber.Cause:
                cases = await seeds.ReceivedAsync(OrderType.Complaint.Name, from, to, ct);
                if (number.Value is { } cause)
                {
                    var causes = await seeds.CausesAsync(cases, ct);
                    cases = cases.Where(c => causes[c.InstanceId] == cause).ToList();
                }
                break;
            case KpiNumber.Age:
                cases = (await seeds.OpenOrdersAsync(OpenAt(period), ct)).Where(o => o.Bucket == number.Value).Select(o => o.Order).ToList();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(number), number, "not a number of the dashboard");
        }
        return new KpiCaseList(number.ToString(), from, to, await DescribeAsync(cases, rule, ct));
    }

    /// <summary>The instant the open orders are counted at: the end of the period, or now when it has not ended yet.</summary>
    public DateTimeOffset OpenAt(KpiPeriod period)
    {
        var now = clock.GetUtcNow();
        return period.To < now ? period.To : now.ToOffset(period.To.Offset);
    }

    /// <summary>All cases for the total, those without a breach of the rule for the on-time number, the others for the late one.</summary>
    private async Task<List<KpiSeed>> OnTimeAsync(List<KpiSeed> all, string rule, string name, string onTime, string? late, CancellationToken ct)
    {
        if (name != onTime && name != late) return all;
        var breached = await seeds.BreachedAsync(all, rule, ct);
        return all.Where(s => breached.Contains(s.InstanceId) == (name == late)).ToList();
    }

    private async Task<IReadOnlyList<KpiCase>> DescribeAsync(List<KpiSeed> cases, string? rule, CancellationToken ct)
    {
        var ids = cases.Select(c => c.InstanceId).Distinct().ToList();
        if (ids.Count == 0) return [];
        await using var db = dbFactory.Create();
        var breaches = (await db.Breaches.AsNoTracking().Where(b => ids.Contains(b.InstanceId) && (rule == null || b.Rule == rule))
                .OrderBy(b => b.Id).Select(b => new { b.InstanceId, b.Rule, b.DetectedAt, b.Responsible }).ToListAsync(ct))
            .ToLookup(b => b.InstanceId, b => new CaseBreach(b.Rule, b.DetectedAt, b.Responsible));
        var described = await DescribeInstancesAsync(db, ids, ct);
        return cases.OrderBy(c => c.At).ThenBy(c => c.InstanceId)
            .Select(c => described(c.InstanceId, c.At, breaches[c.InstanceId].ToList())).ToList();
    }

    private async Task<IReadOnlyList<KpiCase>> DescribeBreachesAsync(IReadOnlyList<BreachView> breaches, CancellationToken ct)
    {
        if (breaches.Count == 0) return [];
        await using var db = dbFactory.Create();
        var described = await DescribeInstancesAsync(db, breaches.Select(b => b.InstanceId).Distinct().ToList(), ct);
        return breaches.Select(b => described(b.InstanceId, b.DetectedAt, [new CaseBreach(b.Rule, b.DetectedAt, b.Responsible)])).ToList();
    }

    /// <summary>Reads the instances and their orders once; answers how to describe a case of one of them.</summary>
    private static async Task<Func<Guid, DateTimeOffset, IReadOnlyList<CaseBreach>, KpiCase>> DescribeInstancesAsync(
        WorkflowDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var heads = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.DefinitionKey, i.BusinessKey }).ToDictionaryAsync(i => i.Id, ct);
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var orders = await a.Orders.AsNoTracking().Where(o => ids.Contains(o.InstanceId))
            .Join(a.Customers.AsNoTracking(), o => o.CustomerId, c => c.Id, (o, c) => new { o.InstanceId, o.Number, o.Type, Customer = c.Name })
            .ToListAsync(ct);
        var orderOf = orders.GroupBy(o => o.InstanceId).ToDictionary(g => g.Key, g => g.First());
        return (id, at, breaches) =>
        {
            var head = heads.GetValueOrDefault(id);
            var order = orderOf.GetValueOrDefault(id);
            return new KpiCase(id, head?.DefinitionKey ?? "", head?.BusinessKey, at, order?.Number, order?.Type, order?.Customer, breaches);
        };
    }
}
