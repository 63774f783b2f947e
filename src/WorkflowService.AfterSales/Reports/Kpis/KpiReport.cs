using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
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

    /// <summary>A repair is done when the repair work (subprocess <c>repairWork</c>: the customer accepted the repair) finishes.</summary>
    public static readonly IReadOnlyList<(string DefinitionKey, string ElementId)> RepairDone = [("repair", "repairWork")];

    /// <summary>A follow-up is done when its call (the satisfaction survey) is completed.</summary>
    public static readonly IReadOnlyList<(string DefinitionKey, string ElementId)> FollowUpDone =
        [("repair", "followUpCall"), ("replacement", "satisfactionSurvey")];

    /// <summary>A slip is handed in when the slip subprocess (<c>repairSlipWork</c>: a complete, signed slip registered) finishes.</summary>
    public static readonly IReadOnlyList<(string DefinitionKey, string ElementId)> SlipHandedIn = [("repair", "repairSlipWork")];

    /// <summary>The rules shown in <see cref="KpiFigures.BreachesByRule"/> even with no breach (others appear when breached).</summary>
    public static readonly IReadOnlyList<string> ShippedRules =
        [ThreeRings, Acceptance, "on-site-arrival", RepairTurnaround, RepairSlip, FollowUp, "complaint-escalation", "revisit-due"];

    public async Task<KpiFigures> CountAsync(KpiPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        var outcomes = new RuleOutcomes(dbFactory);
        var calls = await outcomes.StartedAsync(options.Value.CallProcess, ThreeRings, from, to, ct);
        var repairs = await outcomes.LeftAsync(RepairDone, RepairTurnaround, from, to, ct: ct);
        var followUps = await outcomes.LeftAsync(FollowUpDone, FollowUp, from, to, ct: ct);
        var slips = await outcomes.LeftAsync(SlipHandedIn, RepairSlip, from, to, ct: ct);
        var breaches = await outcomes.BreachesByRuleAsync(from, to, ct);
        var lateAcceptance = await outcomes.BreachedSinceAsync(Acceptance, from, ct);

        int requests, late, complaints;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            var received = a.Orders.AsNoTracking().Where(o => o.ReceivedAt >= from && o.ReceivedAt < to);
            requests = await received.CountAsync(ct);
            late = 0;
            // The late instances' orders by instance id, their receipt compared here: one seek each, where SQLite (no
            // statistics) walked the period's orders by receipt testing each against the list; and in chunks, because
            // SQLite takes at most 32,766 parameters and a period long past has every acceptance breach since in the list.
            foreach (var chunk in lateAcceptance.Chunk(10_000))
                late += (await a.Orders.AsNoTracking().Where(o => chunk.Contains(o.InstanceId)).Select(o => o.ReceivedAt).ToListAsync(ct))
                    .Count(at => at >= from && at < to);
            var complaint = OrderType.Complaint.Name;
            complaints = await received.CountAsync(o => o.Type == complaint, ct);
        }

        var byRule = ShippedRules.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
        foreach (var (rule, count) in breaches) byRule[rule] = count;
        return new KpiFigures(from, to,
            calls.Cases, calls.Kept, Rate(calls.Kept, calls.Cases),
            requests, requests - late, Rate(requests - late, requests),
            repairs.Cases, repairs.Kept, Rate(repairs.Kept, repairs.Cases),
            followUps.Cases, followUps.Kept, Rate(followUps.Kept, followUps.Cases),
            slips.Cases, slips.Kept, Satisfaction(await outcomes.LeftVariableAsync(FollowUpDone, from, to, "satisfaction", ct)),
            complaints, byRule);
    }

    /// <summary>kept / cases, or null for a period with no case (neither 0 nor 1 would be true).</summary>
    public static double? Rate(int kept, int cases) => cases == 0 ? null : (double)kept / cases;

    /// <summary>
    /// The mean of the <c>satisfaction</c> answers (1–5) of the follow-ups done, given as each instance's JSON text of it
    /// (<see cref="RuleOutcomes.LeftVariableAsync"/>); null when none answered.
    /// </summary>
    private static double? Satisfaction(IReadOnlyList<string> answers)
    {
        var scores = answers.Select(ScoreOf).OfType<int>().ToList();
        return scores.Count == 0 ? null : scores.Average();
    }

    /// <summary>A satisfaction answer 1–5 given as its JSON text (as the database hands it out), or null.</summary>
    public static int? ScoreOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Score(document.RootElement);
    }

    /// <summary>A satisfaction answer 1–5 (a number or its text), or null.</summary>
    public static int? Score(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5 ? score : null;
    }
}
