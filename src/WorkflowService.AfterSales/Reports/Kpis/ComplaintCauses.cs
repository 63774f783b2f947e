using System.Text.Json;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The causes of a complaint: the values of the <c>cause</c> field of complaint.bpmn's "analyse cause" step (its free
/// text goes in <c>causeDetail</c>). A complaint whose cause is not given yet counts as <see cref="NotAnalysed"/>; a cause
/// typed as free text before the field was a choice counts as <c>other</c>.
/// </summary>
public static class ComplaintCauses
{
    public const string NotAnalysed = "not-analysed";

    /// <summary>The process's values, in the form's order.</summary>
    public static readonly IReadOnlyList<string> Values = ["productQuality", "repairQuality", "responseTime", "attitude", "fees", "other"];

    /// <summary>The values (and <see cref="NotAnalysed"/>) named in both languages, for the pages, mails and workbooks.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Names = new(StringComparer.Ordinal)
    {
        ["productQuality"] = ("产品质量", "Product quality"),
        ["repairQuality"] = ("维修质量", "Repair quality"),
        ["responseTime"] = ("响应时效", "Response time"),
        ["attitude"] = ("服务态度", "Staff attitude"),
        ["fees"] = ("收费", "Fees"),
        ["other"] = ("其他", "Other"),
        [NotAnalysed] = ("尚未分析", "Not analysed yet"),
    };

    /// <summary>A value's name; a cause the process does not offer (an older version's, a typed one) as it was recorded.</summary>
    public static string Name(string cause, bool chinese) => Names.TryGetValue(cause, out var n) ? chinese ? n.Zh : n.En : cause;

    /// <summary>Every key of the "complaints by cause" figure: the values, then <see cref="NotAnalysed"/>.</summary>
    public static readonly IReadOnlyList<string> Keys = [.. Values, NotAnalysed];

    /// <summary>The key a complaint counts under, from its <c>cause</c> variable's JSON text (null: not analysed yet).</summary>
    public static string OfJson(string? causeJson)
    {
        if (causeJson is null) return NotAnalysed;
        using var document = JsonDocument.Parse(causeJson);
        return Of(new Dictionary<string, JsonElement> { ["cause"] = document.RootElement });
    }

    /// <summary>The key a complaint counts under, from its instance's variables (none: not analysed yet).</summary>
    public static string Of(IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null || !variables.TryGetValue("cause", out var cause) || cause.ValueKind != JsonValueKind.String) return NotAnalysed;
        var text = cause.GetString()?.Trim();
        if (string.IsNullOrEmpty(text)) return NotAnalysed;
        return Values.Contains(text) ? text : "other";
    }
}
