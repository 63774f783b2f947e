using WorkflowService.Testing;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Tasks;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Localization;

/// <summary>Every text in both languages, and every text a page asks for defined: for every area, not only the inbox.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string WebProject = Path.Combine(RepositoryPaths.Root, "src", "WorkflowService.Web");
    private static readonly string[] Languages = ["en", "zh-CN"];

    public static TheoryData<string> TextFiles() =>
        [.. Directory.GetFiles(Path.Combine(WebProject, "Localization"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(TextFiles))]
    public void Every_text_has_English_and_Chinese(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(WebProject, "Localization", file)));
        var missing = new List<string>();
        foreach (var entry in doc.RootElement.EnumerateObject())
        foreach (var language in Languages)
        {
            if (!entry.Value.TryGetProperty(language, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                missing.Add($"{entry.Name} ({language})");
        }
        Assert.True(missing.Count == 0, $"{file} lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_text_a_page_names_is_defined()
    {
        var defined = new Texts().Keys("en").ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(WebProject, "Pages"), "*.cshtml", SearchOption.AllDirectories);
        var used = pages
            .SelectMany(page => TextReference().Matches(File.ReadAllText(page))
                .Select(m => (Page: Path.GetRelativePath(WebProject, page), Key: m.Groups["key"].Value)))
            .ToList();

        Assert.NotEmpty(used);
        var undefined = used.Where(u => !defined.Contains(u.Key)).Select(u => $"{u.Page}: {u.Key}").Distinct().ToList();
        Assert.True(undefined.Count == 0, "Undefined texts: " + string.Join(", ", undefined));
    }

    [Fact]
    public void Every_text_the_inbox_builds_from_a_code_is_defined()
    {
        var keys = FormErrorText.AllKeys()
            .Concat(HistoryText.Events.Select(HistoryText.Key))
            .Concat(TaskRefusal.TextKeys)
            .Concat(Enum.GetValues<SlaState>().Where(s => s != SlaState.None).Select(SlaRule.TextKey));
        var texts = new Texts();

        foreach (var language in Languages)
        {
            var defined = texts.Keys(language).ToHashSet(StringComparer.Ordinal);
            Assert.All(keys, key => Assert.True(defined.Contains(key), $"{key} has no {language} text"));
        }
    }

    [Fact]
    public void The_reports_name_each_service_rule_as_the_pages_do()
    {
        var texts = new Texts();
        Assert.NotEmpty(WorkflowService.AfterSales.ServiceRules.Codes);
        foreach (var code in WorkflowService.AfterSales.ServiceRules.Codes)
        foreach (var (language, chinese) in new[] { ("zh-CN", true), ("en", false) })
            Assert.Equal($"{texts.Get("Rule." + code, new System.Globalization.CultureInfo(language))} ({code})",
                WorkflowService.AfterSales.ServiceRules.Name(code, chinese));
        Assert.Equal("两天内交回维修单 (repair-slip-2d): 1, unnamed-rule: 2", WorkflowService.AfterSales.Reports.Ledger.LedgerSheet.Rules(
            new Dictionary<string, int> { ["repair-slip-2d"] = 1, ["unnamed-rule"] = 2 }, chinese: true));
    }

    [Fact]
    public void The_weekly_feedback_names_each_complaint_cause_as_the_pages_and_the_complaint_form_do()
    {
        var texts = new Texts();
        var form = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "complaint.bpmn"));
        foreach (var cause in WorkflowService.AfterSales.ComplaintCauses.Codes)
        {
            Assert.Contains($"<camunda:value id=\"{cause}\"", form, StringComparison.Ordinal);
            foreach (var (language, chinese) in new[] { ("zh-CN", true), ("en", false) })
                Assert.Equal(texts.Get("Cause." + cause, new System.Globalization.CultureInfo(language)),
                    WorkflowService.AfterSales.ComplaintCauses.Name(cause, chinese));
        }
        var analysed = new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-1", "客户", "repairQuality", "已完成", "closed");
        Assert.Equal(("维修质量", "Repair quality"), (analysed.CauseZh, analysed.CauseEn));
        Assert.Equal(("工程师迟到", ""), (new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-2", "客户", "工程师迟到", "", "").CauseZh,
            new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-3", "客户", "", "", "").CauseEn));
    }

    /// <summary><c>T["Key"]</c> or <c>T.Format("Key", ...)</c> with a literal key.</summary>
    [GeneratedRegex("""\bT(?:\[\s*"(?<key>[^"]+)"\s*\]|\.Format\(\s*"(?<key>[^"]+)")""")]
    private static partial Regex TextReference();
}
