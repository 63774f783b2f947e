using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>One open task due today or earlier: its order's number (or the instance's business key), customer, task and due time.</summary>
public sealed record DueRow(string Order, string Customer, string Task, string Due, bool Overdue);

/// <summary>One breach detected yesterday: the rule (its code, and its name in each language), the order (or business key) and
/// who it is charged to.</summary>
public sealed record BreachRow(string Rule, string Order, string Responsible)
{
    public string RuleZh => ServiceRules.Name(Rule, chinese: true);
    public string RuleEn => ServiceRules.Name(Rule, chinese: false);
}

/// <summary>
/// What the daily report of <see cref="Date"/> says: yesterday's KPIs (as the KPI endpoint counts them, formatted
/// "kept / cases (rate)"), the open tasks due by the end of today, and yesterday's breaches. Times are the department's.
/// </summary>
public sealed record DailyReportContent(
    DateOnly Date, DateOnly Yesterday, KpiFigures Kpis, IReadOnlyList<DueRow> Due, int DueTotal, IReadOnlyList<BreachRow> Breaches)
{
    /// <summary>The most rows of each list a mail shows; the total is said when there are more.</summary>
    public const int MaxRows = 200;

    public static string Figure(int kept, int cases) => cases == 0
        ? "0 / 0 (—)"
        : string.Create(CultureInfo.InvariantCulture, $"{kept} / {cases} ({KpiReport.Rate(kept, cases)!.Value * 100:0.0}%)");
}

/// <summary>Gathers a <see cref="DailyReportContent"/> with a few queries (tasks and breaches first, then their orders and customers).</summary>
public sealed class DailyReportBuilder(WorkflowDbFactory dbFactory, KpiReport kpis, DepartmentDay days)
{
    public async Task<DailyReportContent> BuildAsync(DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var yesterday = today.AddDays(-1);
        var (from, to, endOfToday) = (days.StartOf(yesterday), days.StartOf(today), days.StartOf(today.AddDays(1)));
        var figures = await kpis.CountAsync(new KpiPeriod(from, to), ct);

        await using var db = dbFactory.Create();
        var open = UserTaskStatus.Open.ToString();
        var due = db.Tasks.AsNoTracking().Where(t => t.Status == open && t.DueAt != null && t.DueAt < endOfToday);
        var dueTotal = await due.CountAsync(ct);
        var tasks = await due.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(DailyReportContent.MaxRows)
            .Select(t => new { t.InstanceId, t.BusinessKey, t.Name, t.ElementId, t.DueAt }).ToListAsync(ct);
        var breaches = await db.Breaches.AsNoTracking().Where(b => b.DetectedAt >= from && b.DetectedAt < to)
            .OrderBy(b => b.DetectedAt).ThenBy(b => b.Id).Take(DailyReportContent.MaxRows)
            .Select(b => new { b.Rule, b.InstanceId, b.BusinessKey, b.Responsible, b.ResponsibleGroup }).ToListAsync(ct);

        var instances = tasks.Select(t => t.InstanceId).Concat(breaches.Select(b => b.InstanceId)).Distinct().ToList();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var orders = instances.Count == 0
            ? []
            : await (from o in a.Orders.AsNoTracking()
                     join c in a.Customers.AsNoTracking() on o.CustomerId equals c.Id
                     where instances.Contains(o.InstanceId)
                     select new { o.InstanceId, o.Number, Customer = c.Name }).ToListAsync(ct);
        var byInstance = orders.GroupBy(o => o.InstanceId).ToDictionary(g => g.Key, g => g.First());

        var dueRows = tasks.Select(t => new DueRow(
            byInstance.TryGetValue(t.InstanceId, out var o) ? o.Number : t.BusinessKey ?? "",
            o?.Customer ?? "",
            t.Name ?? t.ElementId,
            TimeZoneInfo.ConvertTime(t.DueAt!.Value, days.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            t.DueAt < now)).ToList();
        var breachRows = breaches.Select(b => new BreachRow(
            b.Rule,
            byInstance.TryGetValue(b.InstanceId, out var o) ? o.Number : b.BusinessKey ?? "",
            b.Responsible ?? b.ResponsibleGroup ?? "")).ToList();
        return new DailyReportContent(today, yesterday, figures, dueRows, dueTotal, breachRows);
    }
}
