using System.Data;
using System.Globalization;
using MiniExcelLibs;

namespace WorkflowService.AfterSales.Export;

/// <summary>A text in the two languages a workbook is written in: a header, a sheet's name, a cell such as 是/Yes.</summary>
public readonly record struct Bilingual(string Zh, string En)
{
    public string In(bool zh) => zh ? Zh : En;
}

/// <summary>
/// A list as an Excel workbook for the reader's language: one sheet named after the list, a header row and one row
/// per item, in Chinese for a zh-CN reader and in English otherwise (as the ledger's workbook). A list stops at
/// <see cref="MaxRows"/> rows (the queries behind it take no more): a longer one is narrowed by its filters first.
/// </summary>
public static class ListSheet
{
    /// <summary>The most rows a list's workbook holds.</summary>
    public const int MaxRows = 10_000;

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The workbook's bytes. Cells keep their values' types (text stays text: a phone number keeps its leading zero);
    /// the header row is written even without rows, so that an empty list still says what it is.
    /// </summary>
    public static byte[] Write(Bilingual sheet, IReadOnlyList<Bilingual> headers, IEnumerable<IReadOnlyList<object?>> rows,
        CultureInfo culture)
    {
        var zh = IsChinese(culture);
        using var table = new DataTable(sheet.In(zh));
        foreach (var header in headers) table.Columns.Add(header.In(zh), typeof(object));
        foreach (var row in rows.Take(MaxRows))
            table.Rows.Add(Enumerable.Range(0, headers.Count).Select(i => i < row.Count ? row[i] ?? DBNull.Value : DBNull.Value).ToArray());
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: table.TableName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A time as the department reads it: in its zone, to the minute.</summary>
    public static string? Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string YesNo(bool value, bool zh) => value ? (zh ? "是" : "Yes") : (zh ? "否" : "No");
}
