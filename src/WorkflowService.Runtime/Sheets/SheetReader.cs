using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace WorkflowService.Runtime.Sheets;

/// <summary>A column an import knows: its field and the header names (compared without blanks, underscores or case) it goes by.</summary>
public sealed record SheetColumn(string Field, params string[] Names);

/// <summary>A row below the header, numbered as the spreadsheet shows it, its cells by field (blank cells are null).</summary>
public sealed record SheetRow(int Row, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string field] => Cells.GetValueOrDefault(field);
}

/// <summary>What is wrong with a file (row 0), its header (row 1) or a row; <paramref name="Code"/> and <paramref name="Argument"/>
/// name it for a page to word in its reader's language (null where only the message says it).</summary>
public sealed record SheetError(int Row, string Message, string? Code = null, string? Argument = null);

/// <summary>The rows of a file, or (with no rows) what makes the whole file unreadable.</summary>
public sealed record SheetContent(IReadOnlyList<SheetRow> Rows, IReadOnlyList<SheetError> Errors);

/// <summary>
/// Reads a list people keep in a spreadsheet: an Excel workbook (<c>.xlsx</c>, first sheet) or a CSV file (UTF-8, or
/// GB18030 as Excel saves it on Chinese Windows), one item per row below a header row whose names may be English or
/// Chinese. A workbook that would unpack to more than a list needs is refused unread (a zip bomb), and MiniExcel
/// reads its XML without resolving external entities. Fully blank rows are skipped; rows keep their sheet numbers.
/// </summary>
public static class SheetReader
{
    /// <summary>The largest file read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The most a workbook may unpack to.</summary>
    private const long MaxUnpackedBytes = 32L * 1024 * 1024;

    /// <summary>
    /// The rows of <paramref name="file"/> with a cell for each of <paramref name="columns"/> the header names; at most
    /// <paramref name="maxRows"/> + 1 rows are read (one more, so that the caller can say the file holds too many).
    /// A header naming an unknown or repeated column, or lacking a <paramref name="required"/> one, is an error on row 1.
    /// </summary>
    public static SheetContent Read(Stream file, string? fileName, IReadOnlyList<SheetColumn> columns, IReadOnlyList<string> required,
        int maxRows)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            file.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        if (bytes.Length == 0) return Fail(0, "The file is empty", "file-empty");
        if (bytes.Length > MaxFileBytes) return Fail(0, $"The file is larger than {MaxFileBytes / 1024} KB; split it", "file-too-large", $"{MaxFileBytes / 1024}");

        var isXlsx = bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K';
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (!isXlsx && extension is ".xlsx" or ".xls")
            return Fail(0, $"'{fileName}' is not an Excel workbook (.xlsx): save it as .xlsx or .csv", "not-a-workbook", fileName);

        List<IDictionary<string, object?>> table;
        try
        {
            table = isXlsx ? ReadWorkbook(bytes, maxRows + 2) : ReadCsv(bytes, maxRows + 2);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or FormatException or InvalidOperationException
                                       or NotSupportedException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return Fail(0, $"The file could not be read as {(isXlsx ? "an Excel workbook" : "CSV")}: {ex.Message}", "unreadable", ex.Message);
        }
        if (table.Count == 0) return Fail(1, "The file has no header row", "no-header");
        return ReadTable(table, columns, required);
    }

    private static List<IDictionary<string, object?>> ReadWorkbook(byte[] bytes, int take)
    {
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            long unpacked = 0;
            foreach (var entry in zip.Entries) unpacked += entry.Length;
            if (unpacked > MaxUnpackedBytes)
                throw new InvalidDataException($"it unpacks to {unpacked / 1024 / 1024} MB, more than a list to import needs");
        }
        return MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Take(take).ToList();
    }

    private static List<IDictionary<string, object?>> ReadCsv(byte[] bytes, int take)
    {
        var text = Decode(bytes);
        var utf8 = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return MiniExcel.Query(utf8, useHeaderRow: false, excelType: ExcelType.CSV)
            .Cast<IDictionary<string, object?>>().Take(take).ToList();
    }

    /// <summary>UTF-8 (with or without a byte order mark); what is not valid UTF-8 is read as GB18030, Excel's Chinese CSV.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static SheetContent ReadTable(List<IDictionary<string, object?>> table, IReadOnlyList<SheetColumn> columns,
        IReadOnlyList<string> required)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal); // column letter → field
        var errors = new List<SheetError>();
        foreach (var (column, value) in table[0])
        {
            var name = Text(value);
            if (name is null) continue;
            var key = new string(name.Where(c => !char.IsWhiteSpace(c) && c != '_').ToArray()).ToLowerInvariant();
            var field = columns.FirstOrDefault(c => c.Names.Contains(key, StringComparer.Ordinal))?.Field;
            if (field is null)
                errors.Add(new(1, $"column {column} '{name}' is not one the import knows ({string.Join(", ", columns.Select(c => c.Field))})",
                    "unknown-column", name));
            else if (fields.ContainsValue(field))
                errors.Add(new(1, $"column {column} '{name}' repeats the column for {field}", "repeated-column", name));
            else
                fields[column] = field;
        }
        foreach (var missing in required.Where(r => !fields.ContainsValue(r)))
            errors.Add(new(1, $"the header row has no {missing} column", "missing-column", missing));
        if (errors.Count > 0) return new([], errors);

        var rows = new List<SheetRow>();
        for (var i = 1; i < table.Count; i++)
        {
            var cells = fields.ToDictionary(f => f.Value, f => Text(table[i].TryGetValue(f.Key, out var v) ? v : null), StringComparer.Ordinal);
            if (cells.Values.All(v => v is null)) continue;
            rows.Add(new SheetRow(i + 1, cells));
        }
        return new(rows, []);
    }

    /// <summary>A cell as text: numbers without grouping (a phone typed as a number), dates as <c>yyyy-MM-dd</c>.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    private static SheetContent Fail(int row, string message, string code, string? argument = null) =>
        new([], [new SheetError(row, message, code, argument)]);
}
