using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using MiniExcelLibs.Attributes;
using WorkflowService.AfterSales.Reports.Kpis;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>One order of the month as the workbook lists it (times in the department's zone).</summary>
public sealed record MonthlyOrderRow(string Number, string Type, string Customer, string Devices, string Received, string Status,
    string Responsible, string Closed, string Timeliness);

/// <summary>One line of the workbook's KPI sheet.</summary>
public sealed record MonthlyKpiRow(string Kpi, string Figure, int? Kept, int? Cases, double? Rate);

/// <summary>
/// The monthly summary's workbook (月度服务单汇总): a sheet of the month's orders and one of the KPI table, with Chinese
/// headers and sheet names for a zh-CN reader (the mail always: it is for the Chinese office). The orders are written as
/// they are read, a chunk at a time (<see cref="ReportOrders"/>): MiniExcel pulls rows from an enumerable, so a month of
/// 100,000 orders is never materialised — not as records, not as a table.
/// </summary>
public sealed class MonthlySummaryWorkbook(ReportOrders orders, DepartmentDay days)
{
    private static readonly (string Property, string Zh, string En)[] OrderColumns =
    [
        (nameof(MonthlyOrderRow.Number), "服务单号", "Order"), (nameof(MonthlyOrderRow.Type), "类型", "Type"),
        (nameof(MonthlyOrderRow.Customer), "客户", "Customer"), (nameof(MonthlyOrderRow.Devices), "设备", "Devices"),
        (nameof(MonthlyOrderRow.Received), "受理时间", "Received"), (nameof(MonthlyOrderRow.Status), "状态", "Status"),
        (nameof(MonthlyOrderRow.Responsible), "责任人", "Responsible"), (nameof(MonthlyOrderRow.Closed), "关闭时间", "Closed"),
        (nameof(MonthlyOrderRow.Timeliness), "时效", "On time / late"),
    ];

    private static readonly (string Property, string Zh, string En)[] KpiColumns =
    [
        (nameof(MonthlyKpiRow.Kpi), "指标", "KPI"), (nameof(MonthlyKpiRow.Figure), "数值", "Figure"),
        (nameof(MonthlyKpiRow.Kept), "按时", "On time"), (nameof(MonthlyKpiRow.Cases), "总数", "Cases"), (nameof(MonthlyKpiRow.Rate), "比率", "Rate"),
    ];

    public static string OrdersSheet(bool zh) => zh ? "服务单" : "Orders";
    public static string KpiSheet(bool zh) => zh ? "KPI指标" : "KPIs";

    public static string FileName(ReportMonth month, bool zh) => zh ? $"月度服务单汇总-{month}.xlsx" : $"monthly-summary-{month}.xlsx";

    /// <summary>Writes the workbook of <paramref name="month"/> to <paramref name="stream"/>, with the month's KPI figures.</summary>
    public async Task WriteAsync(Stream stream, ReportMonth month, KpiFigures kpis, bool zh, CancellationToken ct)
    {
        var (from, to) = (days.StartOf(month.First), days.StartOf(month.Last.AddDays(1)));
        var rows = orders.ReadAsync(from, to, ct: ct).ToBlockingEnumerable(ct).Select(o => Row(o, zh));
        var kpiRows = MonthlyKpiRows.Of(kpis).Select(k => new MonthlyKpiRow(zh ? k.Chinese : k.English, k.Figure, k.Kept, k.Cases, k.Rate));
        var sheets = new Dictionary<string, object> { [OrdersSheet(zh)] = rows, [KpiSheet(zh)] = kpiRows };
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. OrderColumns.Concat(KpiColumns).Select(c => new DynamicExcelColumn(c.Property) { Name = zh ? c.Zh : c.En })],
        };
        // MiniExcel reads the enumerable synchronously; on a pool thread, the chunks' queries block that thread, not a request's.
        await Task.Run(() => stream.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: configuration), ct);
    }

    private MonthlyOrderRow Row(ReportOrder o, bool zh)
    {
        var (zhStatus, enStatus) = ReportTexts.Status(o.Status);
        return new MonthlyOrderRow(o.Number, ReportTexts.Type(o.Type, zh), o.Customer,
            string.Join(", ", o.Devices.Select(d => $"{d.Model} {d.Serial}")), ReportTexts.Time(o.ReceivedAt, days.Zone),
            zh ? zhStatus : enStatus, o.Responsible ?? "", ReportTexts.Time(o.ClosedAt, days.Zone), ReportTexts.Timeliness(o.BrokenRules, zh));
    }
}
