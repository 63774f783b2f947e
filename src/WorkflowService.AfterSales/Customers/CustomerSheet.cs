using System.Globalization;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// A row of a customer file: one customer with (optionally) one device, and what could not be read from its cells
/// (a date or a number that is none) before any rule is checked.
/// </summary>
public sealed record CustomerImportRow(int Row, CustomerInput Customer, DeviceInput? Device, IReadOnlyList<ValidationError> Problems);

/// <summary>
/// Reads a customer file (<see cref="SheetReader"/>: .xlsx or CSV, UTF-8 or GB18030) with English or Chinese headers:
/// <c>name</c>/客户名称, <c>category</c>/类别 (regular, long-term, key or 普通, 长期, 重要), <c>contact</c>/联系人,
/// <c>phone</c>/电话, <c>mobile</c>/手机, <c>email</c>/邮箱, <c>address</c>/地址, <c>anchorDate</c>/回访基准日,
/// <c>model</c>/型号, <c>serial</c>/串号, <c>soldOn</c>/销售日期, <c>warrantyMonths</c>/保修月数. A
/// <c>warrantyEndsOn</c>/保修截止 column (as the export writes it) is read past: the end is always computed.
/// </summary>
public static class CustomerSheet
{
    /// <summary>The columns, in the order the export writes them (its headers are the first Chinese names).</summary>
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("name", "name", "customer", "customername", "客户名称", "客户", "客户名", "单位名称"),
        new("category", "category", "类别", "客户类别"),
        new("contact", "contact", "contactname", "联系人"),
        new("phone", "phone", "telephone", "tel", "电话", "联系电话", "座机"),
        new("mobile", "mobile", "mobilephone", "手机", "手机号", "手机号码"),
        new("email", "email", "e-mail", "mail", "邮箱", "电子邮箱", "电子邮件"),
        new("address", "address", "地址"),
        new("anchorDate", "anchordate", "回访基准日"),
        new("model", "model", "型号"),
        new("serial", "serial", "serialnumber", "imei", "串号", "序列号"),
        new("soldOn", "soldon", "销售日期"),
        new("warrantyMonths", "warrantymonths", "保修月数"),
        new("warrantyEndsOn", "warrantyendson", "保修截止"),
    ];

    private static readonly string[] RequiredColumns = ["name", "category", "contact"];

    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    public static (IReadOnlyList<CustomerImportRow> Rows, IReadOnlyList<SheetError> Errors) Read(Stream file, string? fileName)
    {
        var sheet = SheetReader.Read(file, fileName, Columns, RequiredColumns, CustomerImporter.MaxRows);
        return sheet.Errors.Count > 0 ? ([], sheet.Errors) : (sheet.Rows.Select(ToRow).ToList(), []);
    }

    private static CustomerImportRow ToRow(SheetRow r)
    {
        var problems = new List<ValidationError>();
        var anchorDate = Date(r, "anchorDate", problems);
        var contacts = new[] { r["contact"], r["phone"], r["mobile"], r["email"] }.Any(v => v is not null)
            ? new List<ContactInput> { new(r["contact"], r["phone"], r["mobile"], r["email"]) }
            : [];
        var customer = new CustomerInput(r["name"], Category(r["category"]), contacts, r["address"], anchorDate, null);
        DeviceInput? device = null;
        if (new[] { r["model"], r["serial"], r["soldOn"], r["warrantyMonths"] }.Any(v => v is not null))
            device = new DeviceInput(r["model"], r["serial"], Date(r, "soldOn", problems), Months(r, problems));
        return new CustomerImportRow(r.Row, customer, device, problems);
    }

    /// <summary>The category's name for its name, English or Chinese word; anything else as written, for the rules to name.</summary>
    private static string? Category(string? cell) =>
        CustomerCategory.All.FirstOrDefault(c => string.Equals(c.Name, cell, StringComparison.OrdinalIgnoreCase)
                                                 || string.Equals(c.English, cell, StringComparison.OrdinalIgnoreCase)
                                                 || c.Chinese == cell)?.Name ?? cell;

    private static DateOnly? Date(SheetRow r, string field, List<ValidationError> problems)
    {
        var cell = r[field];
        if (cell is null) return null;
        if (DateTime.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return DateOnly.FromDateTime(parsed);
        // A date cell Excel kept as its serial number (days since 1899-12-30).
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 20000 and < 100000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        problems.Add(new($"{field} '{cell}' is not a date: write it as yyyy-MM-dd (2026-03-01)", field, "invalid"));
        return null;
    }

    private static int? Months(SheetRow r, List<ValidationError> problems)
    {
        var cell = r["warrantyMonths"];
        if (cell is null) return null;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var months) && months == Math.Floor(months)
            && months is >= int.MinValue and <= int.MaxValue)
            return (int)months;
        problems.Add(new($"warrantyMonths '{cell}' is not a whole number of months", "warrantyMonths", "invalid"));
        return null;
    }
}
