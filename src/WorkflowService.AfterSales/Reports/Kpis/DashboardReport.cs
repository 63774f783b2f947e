using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The dashboard's figures beside the KPIs (GET /api/reports/dashboard): first-time fixes, the satisfaction answers by
/// score, complaints by cause, the orders open at the end of the period by age, breaches by the person charged. Each
/// is counted from the same cases <see cref="KpiCases"/> lists for it (README, "Reports: what each number means").
/// </summary>
/// <param name="FirstTimeFixDays">The window after a repair in which a new repair order for its device means it was not fixed the first time.</param>
/// <param name="Satisfaction">Answers per score, "1" to "5" (all five, 0 when none).</param>
/// <param name="ComplaintsByCause">Complaints received in the period per cause (<see cref="ComplaintCauses.Keys"/>, all of them).</param>
/// <param name="OpenAt">The instant the open orders are counted at: the period's end, or now for a period not over yet.</param>
/// <param name="OpenOrdersByAge">Open orders per <see cref="OrderAge.Buckets"/> (all of them).</param>
/// <param name="BreachesByPerson">Breaches detected in the period per person charged; "—" for those charged to no one. Most first.</param>
public sealed record DashboardFigures(
    DateTimeOffset From, DateTimeOffset To,
    int Repairs, int FirstTimeFixes, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? FirstTimeFixRate, int FirstTimeFixDays,
    IReadOnlyDictionary<string, int> Satisfaction, int SatisfactionAnswers, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SatisfactionAverage,
    int Complaints, IReadOnlyDictionary<string, int> ComplaintsByCause,
    DateTimeOffset OpenAt, int OpenOrders, IReadOnlyDictionary<string, int> OpenOrdersByAge,
    IReadOnlyDictionary<string, int> BreachesByPerson);

public sealed class DashboardReport(KpiSeeds seeds, KpiCases cases, IOptions<DashboardOptions> options)
{
    public async Task<DashboardFigures> CountAsync(KpiPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        var repairs = await seeds.ReachedAsync(KpiReport.RepairDone, from, to, ct);
        var fixes = await seeds.FirstTimeFixesAsync(repairs, ct);

        var scores = await seeds.ScoresAsync(from, to, ct);
        var satisfaction = Enumerable.Range(KpiReport.LowestScore, KpiReport.HighestScore - KpiReport.LowestScore + 1).ToDictionary(s => $"{s}", s => scores.Values.Count(v => v == s), StringComparer.Ordinal);

        var complaints = await seeds.ReceivedAsync(OrderType.Complaint.Name, from, to, ct);
        var causes = await seeds.CausesAsync(complaints, ct);
        var byCause = ComplaintCauses.Keys.ToDictionary(k => k, k => complaints.Count(c => causes[c.InstanceId] == k), StringComparer.Ordinal);

        var openAt = cases.OpenAt(period);
        var open = await seeds.OpenOrdersAsync(openAt, ct);
        var byAge = OrderAge.Buckets.ToDictionary(b => b, b => open.Count(o => o.Bucket == b), StringComparer.Ordinal);

        var breaches = await seeds.BreachesAsync(from, to, null, null, ct);
        var byPerson = breaches.GroupBy(b => string.IsNullOrEmpty(b.Responsible) ? Runtime.Instances.BreachFilter.NoOne : b.Responsible)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        return new DashboardFigures(from, to,
            repairs.Count, fixes.Count, KpiReport.Rate(fixes.Count, repairs.Count), options.Value.FirstTimeFixDays,
            satisfaction, scores.Count, scores.Count == 0 ? null : scores.Values.Average(),
            complaints.Count, byCause, openAt, open.Count, byAge, byPerson);
    }
}
