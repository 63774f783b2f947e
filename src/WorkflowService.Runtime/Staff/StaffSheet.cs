using WorkflowService.Runtime.Sheets;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Reads the people of a staff file (<see cref="SheetReader"/>: .xlsx or CSV, UTF-8 or GB18030), one person per row
/// below a header row. The headers may be English or Chinese (<c>userName</c>/用户名, <c>displayName</c>/姓名,
/// <c>email</c>/邮箱, <c>mobile</c>/手机, <c>roles</c>/角色, <c>groups</c>/组, <c>password</c>/初始密码); roles and
/// groups are separated by commas, semicolons (half- or full-width), 、 or spaces.
/// </summary>
public static class StaffSheet
{
    /// <summary>The largest file read.</summary>
    public const long MaxFileBytes = SheetReader.MaxFileBytes;

    /// <summary>The columns, in the order an export writes them (the export's headers are the first Chinese names).</summary>
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("userName", "username", "user", "login", "用户名", "账号", "帐号", "登录名", "工号"),
        new("displayName", "displayname", "name", "fullname", "姓名", "显示名", "名字"),
        new("email", "email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"),
        new("mobile", "mobile", "phone", "mobilephone", "手机", "手机号", "手机号码", "电话"),
        new("roles", "roles", "role", "角色"),
        new("groups", "groups", "group", "组", "分组", "部门", "班组"),
        new("password", "password", "initialpassword", "初始密码", "密码"),
    ];

    private static readonly string[] RequiredColumns = ["userName", "displayName", "roles"];

    private static readonly char[] ListSeparators = [',', ';', '，', '；', '、', ' ', '\t', '\n'];

    /// <summary>The rows of the file, or what makes the whole file unreadable (row 1 for its header).</summary>
    public static (IReadOnlyList<StaffImportRow> Rows, IReadOnlyList<StaffImportError> Errors) Read(Stream file, string? fileName)
    {
        var sheet = SheetReader.Read(file, fileName, Columns, RequiredColumns, StaffImporter.MaxRows);
        if (sheet.Errors.Count > 0) return ([], sheet.Errors.Select(e => new StaffImportError(e.Row, e.Message, Code: e.Code, Argument: e.Argument)).ToList());
        return (sheet.Rows.Select(r => new StaffImportRow(r.Row,
            new StaffProfile(r["userName"], r["displayName"], r["email"], r["mobile"], List(r["roles"]), List(r["groups"])),
            r["password"])).ToList(), []);
    }

    private static List<string> List(string? cell) =>
        cell is null ? [] : cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
