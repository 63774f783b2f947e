using System.Data;
using System.Globalization;
using MiniExcelLibs;
using WorkflowService.AfterSales.Export;

namespace WorkflowService.AfterSales.Reports.Ledger;

/// <summary>
/// The ledger as an Excel workbook: a sheet of engineers and a sheet of agents, under Chinese headers for a zh-CN reader
/// and English ones otherwise (the sheet names too), amounts in yuan as numbers so that Excel can sum them.
/// </summary>
public static class LedgerSheet
{
    private static readonly (string Zh, string En)[] EngineerHeaders =
    [
        ("工程师", "Engineer"), ("服务单数", "Jobs"), ("有效服务单数", "Valid jobs"), ("补贴(元)", "Subsidy (yuan)"),
        ("维修单迟交次数", "Late slips"), ("例会迟报次数", "Late reports"), ("违规次数", "Breaches charged"),
        ("违规(按规则)", "Breaches by rule"), ("罚款(元)", "Fines (yuan)"),
    ];

    private static readonly (string Zh, string En)[] AgentHeaders =
    [
        ("客服人员", "Agent"), ("接听来电", "Calls answered"), ("未接来电(责任)", "Missed calls charged"), ("回访次数", "Follow-ups done"),
        ("按时回访", "Follow-ups on time"), ("违规次数", "Breaches charged"), ("违规(按规则)", "Breaches by rule"),
    ];

    public static byte[] Write(LedgerReport report, CultureInfo culture)
    {
        var zh = ListSheet.IsChinese(culture);
        using var engineers = Table(zh ? "工程师" : "Engineers", EngineerHeaders, zh, report.Engineers.Select(e => new object[]
        {
            e.Engineer, e.Jobs, e.ValidJobs, e.Subsidy, e.LateSlips, e.LateReports, e.BreachesCharged, Rules(e.BreachesByRule, zh), e.Fines,
        }));
        using var agents = Table(zh ? "客服人员" : "Agents", AgentHeaders, zh, report.Agents.Select(a => new object[]
        {
            a.Agent, a.CallsAnswered, a.MissedCalls, a.FollowUps, a.FollowUpsOnTime, a.BreachesCharged, Rules(a.BreachesByRule, zh),
        }));
        var sheets = new Dictionary<string, object> { [engineers.TableName] = engineers, [agents.TableName] = agents };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>"两天内交回维修单 (repair-slip-2d): 1, …": each rule by its name in the reader's language, its code beside it.</summary>
    public static string Rules(IReadOnlyDictionary<string, int> byRule, bool chinese) =>
        string.Join(", ", byRule.Select(r => string.Create(CultureInfo.InvariantCulture, $"{ServiceRules.Name(r.Key, chinese)}: {r.Value}")));

    private static DataTable Table(string name, (string Zh, string En)[] headers, bool zh, IEnumerable<object[]> rows)
    {
        var table = new DataTable(name);
        foreach (var header in headers) table.Columns.Add(zh ? header.Zh : header.En, typeof(object));
        foreach (var row in rows) table.Rows.Add(row);
        return table;
    }
}
