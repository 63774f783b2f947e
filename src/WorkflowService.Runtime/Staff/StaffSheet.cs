using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Reads the people of a staff file: an Excel workbook (<c>.xlsx</c>, first sheet) or a CSV file (UTF-8, or
/// GB18030 as Excel saves it on Chinese Windows), one person per row below a header row. The headers may be
/// English or Chinese (<c>userName</c>/用户名, <c>displayName</c>/姓名, <c>email</c>/邮箱, <c>mobile</c>/手机,
/// <c>roles</c>/角色, <c>groups</c>/组, <c>password</c>/初始密码); roles and groups are separated by commas,
/// semicolons (half- or full-width), 、 or spaces. Rows are numbered as the spreadsheet shows them.
/// </summary>
public static class StaffSheet
{
    /// <summary>The largest file read, and the most its workbook may unpack to (a zip bomb is refused unread).</summary>
    public const long MaxFileBytes = 1024 * 1024;
    private const long MaxUnpackedBytes = 32L * 1024 * 1024;

    private static readonly (string Field, string[] Names)[] Columns =
    [
        ("userName", ["username", "user", "login", "用户名", "账号", "帐号", "登录名", "工号"]),
        ("displayName", ["displayname", "name", "fullname", "姓名", "显示名", "名字"]),
        ("email", ["email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"]),
        ("mobile", ["mobile", "phone", "mobilephone", "手机", "手机号", "手机号码", "电话"]),
        ("roles", ["roles", "role", "角色"]),
        ("groups", ["groups", "group", "组", "分组", "部门", "班组"]),
        ("password", ["password", "initialpassword", "初始密码", "密码"]),
    ];

    private static readonly string[] RequiredColumns = ["userName", "displayName", "roles"];

    private static readonly char[] ListSeparators = [',', ';', '，', '；', '、', ' ', '\t', '\n'];

    /// <summary>The rows of the file, or what makes the whole file unreadable (row 1 for its header).</summary>
    public static (IReadOnlyList<StaffImportRow> Rows, IReadOnlyList<StaffImportError> Errors) Read(Stream file, string? fileName)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            file.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        if (bytes.Length == 0) return Fail(0, "The file is empty");
        if (bytes.Length > MaxFileBytes) return Fail(0, $"The file is larger than {MaxFileBytes / 1024} KB; split it");

        var isXlsx = bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K';
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (!isXlsx && extension is ".xlsx" or ".xls")
            return Fail(0, $"'{fileName}' is not an Excel workbook (.xlsx): save it as .xlsx or .csv");

        List<IDictionary<string, object?>> table;
        try
        {
            table = isXlsx ? ReadWorkbook(bytes) : ReadCsv(bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or FormatException or InvalidOperationException
                                       or NotSupportedException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return Fail(0, $"The file could not be read as {(isXlsx ? "an Excel workbook" : "CSV")}: {ex.Message}");
        }
        if (table.Count == 0) return Fail(1, "The file has no header row");
        return ReadTable(table);
    }

    private static List<IDictionary<string, object?>> ReadWorkbook(byte[] bytes)
    {
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            long unpacked = 0;
            foreach (var entry in zip.Entries) unpacked += entry.Length;
            if (unpacked > MaxUnpackedBytes)
                throw new InvalidDataException($"it unpacks to {unpacked / 1024 / 1024} MB, more than a staff list needs");
        }
        return MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Take(StaffImporter.MaxRows + 2).ToList();
    }

    private static List<IDictionary<string, object?>> ReadCsv(byte[] bytes)
    {
        var text = Decode(bytes);
        var utf8 = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return MiniExcel.Query(utf8, useHeaderRow: false, excelType: ExcelType.CSV)
            .Cast<IDictionary<string, object?>>().Take(StaffImporter.MaxRows + 2).ToList();
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

    private static (IReadOnlyList<StaffImportRow>, IReadOnlyList<StaffImportError>) ReadTable(List<IDictionary<string, object?>> table)
    {
        var header = table[0];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal); // column letter → field
        var errors = new List<StaffImportError>();
        foreach (var (column, value) in header)
        {
            var name = Text(value);
            if (name is null) continue;
            var key = new string(name.Where(c => !char.IsWhiteSpace(c) && c != '_').ToArray()).ToLowerInvariant();
            var field = Columns.FirstOrDefault(c => c.Names.Contains(key, StringComparer.Ordinal)).Field;
            if (field is null)
                errors.Add(new(1, $"column {column} '{name}' is not one the import knows (userName, displayName, email, mobile, roles, groups, password)"));
            else if (fields.ContainsValue(field))
                errors.Add(new(1, $"column {column} '{name}' repeats the column for {field}"));
            else
                fields[column] = field;
        }
        foreach (var required in RequiredColumns.Where(r => !fields.ContainsValue(r)))
            errors.Add(new(1, $"the header row has no {required} column"));
        if (errors.Count > 0) return ([], errors);

        var rows = new List<StaffImportRow>();
        for (var i = 1; i < table.Count; i++)
        {
            var cells = fields.ToDictionary(f => f.Value, f => Text(table[i].TryGetValue(f.Key, out var v) ? v : null), StringComparer.Ordinal);
            if (cells.Values.All(v => v is null)) continue;
            rows.Add(new StaffImportRow(i + 1,
                new StaffProfile(cells.GetValueOrDefault("userName"), cells.GetValueOrDefault("displayName"), cells.GetValueOrDefault("email"),
                    cells.GetValueOrDefault("mobile"), List(cells.GetValueOrDefault("roles")), List(cells.GetValueOrDefault("groups"))),
                cells.GetValueOrDefault("password")));
        }
        return (rows, []);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture), // a mobile number typed as a number
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    private static List<string> List(string? cell) =>
        cell is null ? [] : cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static (IReadOnlyList<StaffImportRow>, IReadOnlyList<StaffImportError>) Fail(int row, string message) =>
        ([], [new StaffImportError(row, message)]);
}
