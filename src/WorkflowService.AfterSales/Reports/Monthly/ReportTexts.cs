using System.Globalization;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>How the period reports write a status, a type, a time and the rules an order broke, in Chinese and English.</summary>
public static class ReportTexts
{
    public static (string Zh, string En) Status(string status) => status switch
    {
        "Running" => ("处理中", "open"),
        "Completed" => ("已完成", "closed"),
        "Cancelled" => ("已取消", "cancelled"),
        "Failed" => ("出错", "failed"),
        _ => (status, status),
    };

    public static string Type(string type, bool zh) => OrderType.Find(type) is { } t ? zh ? t.Chinese : t.English : type;

    /// <summary>"按时" / "on time" when the order broke no rule, else "超时: " and each rule's name with its code.</summary>
    public static string Timeliness(IReadOnlyList<string> brokenRules, bool zh) => brokenRules.Count == 0
        ? zh ? "按时" : "on time"
        : $"{(zh ? "超时: " : "late: ")}{string.Join(", ", brokenRules.Select(r => ServiceRules.Name(r, zh)))}";

    public static string Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
