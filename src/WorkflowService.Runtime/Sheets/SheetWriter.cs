using System.Data;
using MiniExcelLibs;

namespace WorkflowService.Runtime.Sheets;

/// <summary>Writes a list as an Excel workbook: one sheet, a header row, one row per item.</summary>
public static class SheetWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The workbook's bytes. Cells are written as their values' types (text stays text: a phone number keeps its
    /// leading zero); the header row is written even when there are no rows, so that an empty list still says what it is.
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var table = new DataTable("Sheet1");
        foreach (var header in headers) table.Columns.Add(header, typeof(object));
        foreach (var row in rows) table.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        using var stream = new MemoryStream();
        stream.SaveAs(table, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
