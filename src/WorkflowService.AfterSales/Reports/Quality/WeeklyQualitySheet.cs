using System.Data;
using MiniExcelLibs;

namespace WorkflowService.AfterSales.Reports.Quality;

/// <summary>The weekly quality feedback as a workbook: a sheet per part, Chinese headers and sheet names for a zh-CN reader.</summary>
public static class WeeklyQualitySheet
{
    public static byte[] Write(WeeklyQualityContent content, bool zh)
    {
        string H(string chinese, string english) => zh ? chinese : english;
        using var models = Table(H("按型号故障", "Faults by model"), [H("型号", "Model"), H("维修单数", "Repair orders"), H("常见故障", "Most frequent faults")],
            content.Models.Select(m => new object[] { m.Model, m.Orders, m.FaultsText }));
        using var repeats = Table(H("重复维修", "Repeat repairs"),
            [H("串号", "Serial"), H("型号", "Model"), H("客户", "Customer"), H("维修单数", "Repair orders"), H("维修单", "Orders")],
            content.Repeats.Select(r => new object[] { r.Serial, r.Model, r.Customer, r.Count, r.OrdersText }));
        using var requests = Table(H("客户需求", "Requests"), [H("类型", "Type"), H("服务单数", "Orders")],
            content.Requests.Select(r => new object[] { zh ? r.Chinese : r.English, r.Count }));
        using var complaints = Table(H("投诉", "Complaints"), [H("投诉单", "Order"), H("客户", "Customer"), H("原因", "Cause"), H("状态", "Status")],
            content.Complaints.Select(c => new object[] { c.Order, c.Customer, zh ? c.CauseZh : c.CauseEn, zh ? c.Status : c.StatusEnglish }));
        var sheets = new Dictionary<string, object>
        {
            [models.TableName] = models, [repeats.TableName] = repeats, [requests.TableName] = requests, [complaints.TableName] = complaints,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static DataTable Table(string name, string[] headers, IEnumerable<object[]> rows)
    {
        var table = new DataTable(name);
        foreach (var header in headers) table.Columns.Add(header, typeof(object));
        foreach (var row in rows) table.Rows.Add(row);
        return table;
    }
}
