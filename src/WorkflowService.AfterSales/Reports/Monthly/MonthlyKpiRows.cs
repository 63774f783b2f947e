using System.Globalization;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Mail;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>One line of the KPI table: the number's name in both languages, "kept / cases (rate)" and the counts it comes from.</summary>
/// <param name="Rate">0–1, or the average for satisfaction; null when there is no case.</param>
public sealed record KpiRow(string Chinese, string English, string Figure, int? Kept, int? Cases, double? Rate);

/// <summary>The KPI table of a month as the mail and the workbook show it (the numbers of <c>GET /api/reports/kpis</c>).</summary>
public static class MonthlyKpiRows
{
    public static IReadOnlyList<KpiRow> Of(KpiFigures k)
    {
        KpiRow Ratio(string zh, string en, int kept, int cases) =>
            new(zh, en, DailyReportContent.Figure(kept, cases), kept, cases, KpiReport.Rate(kept, cases));
        List<KpiRow> rows =
        [
            Ratio("三声响铃接听率", "Calls answered within three rings", k.CallsAnsweredInTime, k.Calls),
            Ratio("24 小时受理及时率", "Requests accepted within 24 hours", k.AcceptedOnTime, k.Requests),
            Ratio("维修及时率", "Repairs on time", k.RepairsOnTime, k.Repairs),
            Ratio("回访及时率", "Follow-ups on time", k.FollowUpsOnTime, k.FollowUps),
            Ratio("维修单及时交回", "Repair slips handed in on time", k.SlipsOnTime, k.Slips),
            new("平均满意度(1–5)", "Average satisfaction (1–5)",
                k.SatisfactionAverage is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—", null, null, k.SatisfactionAverage),
            new("投诉", "Complaints", k.Complaints.ToString(CultureInfo.InvariantCulture), null, k.Complaints, null),
        ];
        rows.AddRange(k.BreachesByRule.Select(b => new KpiRow($"超时: {ServiceRules.Name(b.Key, true)}", $"Breaches: {ServiceRules.Name(b.Key, false)}",
            b.Value.ToString(CultureInfo.InvariantCulture), null, b.Value, null)));
        return rows;
    }
}
