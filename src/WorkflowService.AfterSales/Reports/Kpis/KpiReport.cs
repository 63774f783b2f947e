using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The department's KPIs for a period (issue 13; the README's "Reports: what each number means" says how each is
/// counted). A rate is the on-time count over the count beside it, 0–1, and null when the period has no case.
/// </summary>
public sealed record KpiFigures(
    DateTimeOffset From, DateTimeOffset To,
    int Calls, int CallsAnsweredInTime, double? ThreeRingRate,
    int Requests, int AcceptedOnTime, double? AcceptanceOnTimeRate,
    int Repairs, int RepairsOnTime, double? RepairOnTimeRate,
    int FollowUps, int FollowUpsOnTime, double? FollowUpOnTimeRate,
    int Slips, int SlipsOnTime, double? SatisfactionAverage,
    int Complaints, IReadOnlyDictionary<string, int> BreachesByRule);

/// <summary>
/// Counts the KPIs with a handful of set-based queries: the Runtime's <see cref="RuleOutcomes"/> for calls, repairs,
/// follow-ups, slips and breaches, the work orders for requests and complaints (joined to the breaches through the
/// short list of instances that broke the acceptance rule since the period began), and the satisfaction answers of
/// the follow-ups done in the period.
/// </summary>
public sealed class KpiReport(WorkflowDbFactory dbFactory, IOptions<AfterSalesOptions> options)
{
    public const string ThreeRings = "three-rings";
    public const string Acceptance = "acceptance-24h";
    public const string RepairTurnaround = "repair-turnaround";
    public const string FollowUp = "follow-up-3d";
    public const string RepairSlip = "repair-slip-2d";

    /// <summary>A repair is done when the repair work (subprocess <c>repairWork</c>: the customer accepted the repair) first finishes.</summary>
    public static readonly MilestoneDefinition RepairDone = new("repair-done", [("repair", "repairWork")], RepairTurnaround);

    /// <summary>A follow-up is done when its call (the satisfaction survey) is first completed; it keeps the satisfaction answer.</summary>
    public static readonly MilestoneDefinition FollowUpDone =
        new("follow-up-done", [("repair", "followUpCall"), ("replacement", "satisfactionSurvey")], FollowUp, "satisfaction");

    /// <summary>A slip is handed in when the slip subprocess (<c>repairSlipWork</c>: a complete, signed slip registered) first finishes.</summary>
    public static readonly MilestoneDefinition SlipHandedIn = new("slip-handed-in", [("repair", "repairSlipWork")], RepairSlip);

    /// <summary>The milestones the reports count, kept by the Runtime as instances reach them (<see cref="KpiRegistration"/>).</summary>
    public static readonly IReadOnlyList<MilestoneDefinition> Milestones = [RepairDone, FollowUpDone, SlipHandedIn];

    /// <summary>The satisfaction scores a follow-up may give: the whole numbers from the lowest to the highest.</summary>
    public const int LowestScore = 1, HighestScore = 5;

    /// <summary>Whether a follow-up's kept number is a satisfaction score (<see cref="LowestScore"/>–<see cref="HighestScore"/>, whole).</summary>
    public static bool IsScore(double? number) =>
        number is { } n && n >= LowestScore && n <= HighestScore && n == Math.Floor(n);

    /// <summary>The rules shown in <see cref="KpiFigures.BreachesByRule"/> even with no breach (others appear when breached).</summary>
    public static readonly IReadOnlyList<string> ShippedRules =
        [ThreeRings, Acceptance, "on-site-arrival", RepairTurnaround, RepairSlip, FollowUp, "complaint-escalation", "revisit-due"];

    public async Task<KpiFigures> CountAsync(KpiPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        var outcomes = new RuleOutcomes(dbFactory);
        // The counts are independent reads, each on its own connection: started together, a call takes about as long as
        // its slowest few rather than the sum of all (on 2 cores, half; SQLite's WAL and PostgreSQL both read in parallel).
        var callsRead = outcomes.StartedAsync(options.Value.CallProcess, ThreeRings, from, to, ct);
        var repairsRead = outcomes.MilestoneAsync(RepairDone.Name, from, to, ct);
        var followUpsRead = outcomes.MilestoneAsync(FollowUpDone.Name, from, to, ct);
        var slipsRead = outcomes.MilestoneAsync(SlipHandedIn.Name, from, to, ct);
        var scoresRead = outcomes.MilestoneWholeNumbersAsync(FollowUpDone.Name, from, to, LowestScore, HighestScore, ct);
        var breachesRead = outcomes.BreachesByRuleAsync(from, to, ct);
        var ordersRead = OrdersAsync(outcomes, from, to, ct);
        await Task.WhenAll(callsRead, repairsRead, followUpsRead, slipsRead, scoresRead, breachesRead, ordersRead);
        var (calls, repairs, followUps, slips, scores, breaches) =
            (await callsRead, await repairsRead, await followUpsRead, await slipsRead, await scoresRead, await breachesRead);
        var (requests, late, complaints) = await ordersRead;

        var byRule = ShippedRules.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        foreach (var (rule, count) in breaches) byRule[rule] = count;
        return new KpiFigures(from, to,
            calls.Cases, calls.Kept, Rate(calls.Kept, calls.Cases),
            requests, requests - late, Rate(requests - late, requests),
            repairs.Cases, repairs.Kept, Rate(repairs.Kept, repairs.Cases),
            followUps.Cases, followUps.Kept, Rate(followUps.Kept, followUps.Cases),
            slips.Cases, slips.Kept, scores.Count == 0 ? null : scores.Sum / scores.Count,
            complaints, byRule);
    }

    /// <summary>The work orders received in the period, those of them accepted late (a breach of the acceptance rule), and the complaints.</summary>
    private async Task<(int Requests, int Late, int Complaints)> OrdersAsync(RuleOutcomes outcomes, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var lateAcceptance = await outcomes.BreachedSinceAsync(Acceptance, from, ct);
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var received = a.Orders.AsNoTracking().Where(o => o.ReceivedAt >= from && o.ReceivedAt < to);
        var requests = await received.CountAsync(ct);
        var complaint = OrderType.Complaint.Name;
        var complaints = await received.CountAsync(o => o.Type == complaint, ct);
        var late = 0;
        // The late instances' orders by instance id, their receipt compared here: one seek each, where SQLite (no
        // statistics) walked the period's orders by receipt testing each against the list; and in chunks, because
        // SQLite takes at most 32,766 parameters and a period long past has every acceptance breach since in the list.
        foreach (var chunk in lateAcceptance.Chunk(10_000))
            late += (await a.Orders.AsNoTracking().Where(o => chunk.Contains(o.InstanceId)).Select(o => o.ReceivedAt).ToListAsync(ct))
                .Count(at => at >= from && at < to);
        return (requests, late, complaints);
    }

    /// <summary>kept / cases, or null for a period with no case (neither 0 nor 1 would be true).</summary>
    public static double? Rate(int kept, int cases) => cases == 0 ? null : (double)kept / cases;
}
