using System.Globalization;
using WorkflowService.AfterSales.Export;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The dashboard's workbooks: the KPI table of a period and the cases behind a number, under Chinese headers for a
/// zh-CN reader and English ones otherwise. Counts and rates are numbers (a rate 0–1, empty where the period had no
/// case) so that Excel can compute with them; times are the department's, as text.
/// </summary>
public static class KpiSheet
{
    private static readonly (string Zh, string En)[] KpiHeaders =
        [("指标", "Figure"), ("总数", "Cases"), ("按时数", "On time"), ("比率", "Rate")];

    private static readonly (string Zh, string En)[] CaseHeaders =
    [
        ("工单号", "Order"), ("客户", "Customer"), ("类型", "Type"), ("流程", "Process"), ("业务键", "Business key"),
        ("时间", "When"), ("是否按时", "On time"), ("超时记录", "Breaches"),
    ];

    public static byte[] Kpis(KpiFigures k, CultureInfo culture)
    {
        var zh = ListSheet.IsChinese(culture);
        string T(string chinese, string english) => zh ? chinese : english;
        var rows = new List<IReadOnlyList<object?>>
        {
            Row(T("来电(三声接听)", "Calls (answered within three rings)"), k.Calls, k.CallsAnsweredInTime, k.ThreeRingRate),
            Row(T("服务请求(24小时受理)", "Requests (accepted within 24 h)"), k.Requests, k.AcceptedOnTime, k.AcceptanceOnTimeRate),
            Row(T("维修(按时完成)", "Repairs (done on time)"), k.Repairs, k.RepairsOnTime, k.RepairOnTimeRate),
            Row(T("回访(3天内)", "Follow-ups (within 3 days)"), k.FollowUps, k.FollowUpsOnTime, k.FollowUpOnTimeRate),
            Row(T("维修单(2天内交回)", "Repair slips (handed in within 2 days)"), k.Slips, k.SlipsOnTime, KpiReport.Rate(k.SlipsOnTime, k.Slips)),
            new object?[] { T("满意度平均分(1–5)", "Satisfaction average (1–5)"), null, null, k.SatisfactionAverage },
            new object?[] { T("投诉", "Complaints"), k.Complaints, null, null },
        };
        rows.AddRange(k.BreachesByRule.Select(r => (IReadOnlyList<object?>)[T("超时次数: ", "Breaches: ") + ServiceRules.Name(r.Key, zh), r.Value, null, null]));
        return SheetWriter.Write(KpiHeaders.Select(h => zh ? h.Zh : h.En).ToList(), rows);
    }

    private static object?[] Row(string figure, int cases, int kept, double? rate) => [figure, cases, kept, rate];

    /// <param name="time">A time as the department reads it.</param>
    public static byte[] Cases(KpiCaseList list, CultureInfo culture, Func<DateTimeOffset, string> time)
    {
        var zh = ListSheet.IsChinese(culture);
        return SheetWriter.Write(CaseHeaders.Select(h => zh ? h.Zh : h.En).ToList(), list.Cases.Select(c => (IReadOnlyList<object?>)
        [
            c.OrderNumber, c.Customer, TypeText(c.OrderType, zh), c.DefinitionKey, c.BusinessKey, time(c.At),
            c.Late ? (zh ? "否" : "no") : (zh ? "是" : "yes"),
            string.Join("; ", c.Breaches.Select(b => $"{ServiceRules.Name(b.Rule, zh)} {time(b.DetectedAt)} ({b.Responsible ?? "—"})")),
        ]));
    }

    private static string? TypeText(string? type, bool zh) =>
        OrderType.Find(type) is { } t ? (zh ? t.Chinese : t.English) : type;
}
