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
    public void Every_shipped_service_rule_has_a_name_in_both_languages_and_pages_and_reports_write_it_so()
    {
        foreach (var code in WorkflowService.AfterSales.Reports.Kpis.KpiReport.ShippedRules)
        {
            var (zh, en) = (WorkflowService.AfterSales.ServiceRules.Title(code, true), WorkflowService.AfterSales.ServiceRules.Title(code, false));
            Assert.True(zh != code && en != code && zh != en, $"{code}: {zh} / {en}");
            Assert.Equal($"{zh} ({code})", WorkflowService.AfterSales.ServiceRules.Name(code, true));
        }
        Assert.Equal("24 小时内受理", RefusalTextTests.In("zh-CN", () => WorkflowService.Web.Pages.Reports.NumberText.Rule(Reader, "acceptance-24h")));
        Assert.Equal("Request accepted within 24 h", RefusalTextTests.In("en", () => WorkflowService.Web.Pages.Reports.NumberText.Rule(Reader, "acceptance-24h")));
        Assert.Equal("unnamed-rule", RefusalTextTests.In("zh-CN", () => WorkflowService.Web.Pages.Reports.NumberText.Rule(Reader, "unnamed-rule")));
        Assert.Equal("两天内交回维修单 (repair-slip-2d): 1, unnamed-rule: 2", WorkflowService.AfterSales.Reports.Ledger.LedgerSheet.Rules(
            new Dictionary<string, int> { ["repair-slip-2d"] = 1, ["unnamed-rule"] = 2 }, chinese: true));
    }

    [Fact]
    public void Every_complaint_cause_the_form_offers_has_a_name_in_both_languages()
    {
        var form = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "complaint.bpmn"));
        foreach (var cause in WorkflowService.AfterSales.Reports.Kpis.ComplaintCauses.Keys)
        {
            if (cause != WorkflowService.AfterSales.Reports.Kpis.ComplaintCauses.NotAnalysed)
                Assert.Contains($"<camunda:value id=\"{cause}\"", form, StringComparison.Ordinal);
            var (zh, en) = (WorkflowService.AfterSales.Reports.Kpis.ComplaintCauses.Name(cause, true),
                WorkflowService.AfterSales.Reports.Kpis.ComplaintCauses.Name(cause, false));
            Assert.True(zh != cause && en != cause && zh != en, $"{cause}: {zh} / {en}");
        }
        Assert.Equal("尚未分析", RefusalTextTests.In("zh-CN", () => WorkflowService.Web.Pages.Reports.NumberText.Cause(Reader, "not-analysed")));
        var analysed = new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-1", "客户", "repairQuality", "已完成", "closed");
        Assert.Equal(("维修质量", "Repair quality"), (analysed.CauseZh, analysed.CauseEn));
        Assert.Equal(("工程师迟到", ""), (new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-2", "客户", "工程师迟到", "", "").CauseZh,
            new WorkflowService.AfterSales.Reports.Quality.ComplaintRow("TS-3", "客户", "", "", "").CauseEn));
    }

    private static readonly T Reader = new(new Texts());

    /// <summary><c>T["Key"]</c> or <c>T.Format("Key", ...)</c> with a literal key.</summary>
    [GeneratedRegex("""\bT(?:\[\s*"(?<key>[^"]+)"\s*\]|\.Format\(\s*"(?<key>[^"]+)")""")]
    private static partial Regex TextReference();
}
