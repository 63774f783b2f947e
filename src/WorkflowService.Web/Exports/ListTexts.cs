using WorkflowService.AfterSales.Export;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Exports;

/// <summary>
/// A workbook's words taken from the page's own texts (the column headings and badges the reader sees on the list),
/// so that a list and its workbook say the same thing in both languages.
/// </summary>
public sealed class ListTexts(Texts texts)
{
    private static readonly System.Globalization.CultureInfo Chinese = new("zh-CN");
    private static readonly System.Globalization.CultureInfo English = new("en");

    public Bilingual this[string key] => new(texts.Get(key, Chinese), texts.Get(key, English));

    public Bilingual[] Of(params string[] keys) => [.. keys.Select(k => this[k])];
}
