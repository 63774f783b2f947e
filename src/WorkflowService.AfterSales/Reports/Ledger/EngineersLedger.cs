using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.AfterSales.Reports.Ledger;

/// <summary>One engineer's quarter: jobs, valid jobs and the subsidy, late slips and reports, breaches charged and the fines.</summary>
/// <param name="BreachesByRule">Every breach charged to the engineer in the quarter, counted by rule.</param>
public sealed record EngineerLedgerRow(string Engineer, int Jobs, int ValidJobs, decimal Subsidy, int LateSlips, int LateReports,
    int BreachesCharged, IReadOnlyDictionary<string, int> BreachesByRule, decimal Fines);

/// <summary>One agent's quarter: calls answered, missed calls charged, follow-up calls done and done on time.</summary>
public sealed record AgentLedgerRow(string Agent, int CallsAnswered, int MissedCalls, int FollowUps, int FollowUpsOnTime,
    int BreachesCharged, IReadOnlyDictionary<string, int> BreachesByRule);

/// <summary>The ledger of a quarter (the department's days <see cref="From"/> to <see cref="To"/>, both included) with the amounts it used.</summary>
public sealed record LedgerReport(string Quarter, DateOnly From, DateOnly To, decimal SubsidyPerValidJob, decimal LateSlipFine,
    decimal LateReportFine, IReadOnlyList<EngineerLedgerRow> Engineers, IReadOnlyList<AgentLedgerRow> Agents);

/// <summary>
/// The engineers' ledger (工程师台账): per person and quarter, what the bonus and the fines are counted from. It reads the
/// repair orders and slips of the department and, through the Runtime's read models, the breaches and completed tasks of
/// the quarter. The definitions are the README's "Reports: the engineers' ledger"; they are repeated on each member.
/// </summary>
public sealed class EngineersLedger(
    WorkflowDbFactory dbFactory,
    WorkOrderDesk desk,
    InstanceService instances,
    InstanceCatalog catalog,
    PeriodRecords period,
    DepartmentDay days,
    IOptions<AfterSalesOptions> afterSales,
    IOptions<LedgerOptions> options)
{
    /// <summary>The repair process's variable naming the dispatched engineer (派工单).</summary>
    public const string EngineerVariable = "engineer";

    public const string LateSlipRule = "repair-slip-2d";

    /// <summary>Not reporting a job at the next day's stand-up: no shipped process records it yet, so it counts 0 until one does.</summary>
    public const string LateReportRule = "next-day-report";

    public const string MissedCallRule = "three-rings";
    public const string FollowUpRule = "follow-up-3d";
    public const string AnswerCallTask = "answerCall";
    public const string FollowUpTask = "followUpCall";

    /// <summary>The rules whose breaches make a person an engineer of the ledger even without a job that quarter.</summary>
    private static readonly HashSet<string> EngineerRules = [LateSlipRule, LateReportRule, "on-site-arrival", "repair-turnaround"];

    private const int Chunk = 500;

    public async Task<LedgerReport> ForAsync(Quarter quarter, CancellationToken ct = default)
    {
        var from = days.StartOf(quarter.FirstDay);
        var to = days.StartOf(quarter.LastDay.AddDays(1));
        var jobs = await JobsAsync(quarter, ct);
        var breaches = (await period.BreachesAsync(from, to, ct)).Where(b => !string.IsNullOrWhiteSpace(b.Responsible)).ToList();
        var charged = breaches.GroupBy(b => b.Responsible!, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, int>)g.GroupBy(b => b.Rule, StringComparer.Ordinal)
                .OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        IReadOnlyDictionary<string, int> ByRule(string person) => charged.GetValueOrDefault(person) ?? new Dictionary<string, int>();
        int Count(string person, string rule) => ByRule(person).GetValueOrDefault(rule);

        var amounts = options.Value;
        var engineers = jobs.Select(j => j.Engineer)
            .Concat(breaches.Where(b => EngineerRules.Contains(b.Rule)).Select(b => b.Responsible!))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(e =>
            {
                var mine = jobs.Where(j => j.Engineer == e).ToList();
                var valid = mine.Count(j => j.Valid);
                var (lateSlips, lateReports) = (Count(e, LateSlipRule), Count(e, LateReportRule));
                return new EngineerLedgerRow(e, mine.Count, valid, valid * amounts.SubsidyPerValidJob, lateSlips, lateReports,
                    ByRule(e).Values.Sum(), ByRule(e), lateSlips * amounts.LateSlipFine + lateReports * amounts.LateReportFine);
            }).ToList();

        var answered = await period.CompletedTasksAsync(afterSales.Value.CallProcess, AnswerCallTask, from, to, ct);
        var followUps = await period.CompletedTasksAsync(OrderType.Repair.ProcessKey, FollowUpTask, from, to, ct);
        var lateFollowUps = await catalog.BreachedAsync([.. followUps.Select(f => f.InstanceId).Distinct()], FollowUpRule, ct);
        var agents = answered.Select(t => t.CompletedBy).Concat(followUps.Select(t => t.CompletedBy))
            .Concat(breaches.Where(b => b.Rule is MissedCallRule or FollowUpRule).Select(b => b.Responsible))
            .OfType<string>().Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(a =>
            {
                var done = followUps.Where(f => f.CompletedBy == a).ToList();
                return new AgentLedgerRow(a, answered.Count(t => t.CompletedBy == a), Count(a, MissedCallRule), done.Count,
                    done.Count(f => !lateFollowUps.Contains(f.InstanceId)), ByRule(a).Values.Sum(), ByRule(a));
            }).ToList();

        return new LedgerReport(quarter.ToString(), quarter.FirstDay, quarter.LastDay, amounts.SubsidyPerValidJob, amounts.LateSlipFine,
            amounts.LateReportFine, engineers, agents);
    }

    private sealed record Job(string Number, string Engineer, bool Valid);

    /// <summary>
    /// The repair orders opened in the quarter with an engineer dispatched, and whether each is valid: a slip attached
    /// (<see cref="RepairSlips"/>: the order is signed) that the slip check of the process did not find incomplete or unsigned.
    /// </summary>
    private async Task<List<Job>> JobsAsync(Quarter quarter, CancellationToken ct)
    {
        List<(string Number, Guid InstanceId)> orders;
        HashSet<string> signed;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            orders = (await desk.Filter(a, null, OrderType.Repair.Name, quarter.FirstDay, quarter.LastDay)
                .Select(o => new { o.Number, o.InstanceId }).ToListAsync(ct)).Select(o => (o.Number, o.InstanceId)).ToList();
            signed = [];
            foreach (var chunk in orders.Select(o => o.Number).Chunk(Chunk))
                signed.UnionWith(await a.Slips.AsNoTracking().Where(s => chunk.Contains(s.OrderNumber)).Select(s => s.OrderNumber)
                    .Distinct().ToListAsync(ct));
        }
        var jobs = new List<Job>();
        foreach (var chunk in orders.Chunk(Chunk))
        {
            var variables = await instances.VariablesAsync([.. chunk.Select(o => o.InstanceId)], Caller.System, ct);
            foreach (var (number, instanceId) in chunk)
            {
                if (!variables.TryGetValue(instanceId, out var vars) || Text(vars, EngineerVariable) is not { } engineer) continue;
                var refused = IsFalse(vars, "slipComplete") || IsFalse(vars, "slipSigned");
                jobs.Add(new Job(number, engineer, signed.Contains(number) && !refused));
            }
        }
        return jobs;
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim() : null;

    private static bool IsFalse(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.False;
}
