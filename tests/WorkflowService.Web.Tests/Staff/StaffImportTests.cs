using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Staff.StaffApi;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>
/// Staff come in from a spreadsheet: a dry run names every row's problem; one bad row and nothing at all is
/// written; Chinese headers, Excel's GB18030 CSV and real .xlsx files read; a hostile workbook is refused unread.
/// </summary>
public sealed class StaffImportTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task An_import_with_one_bad_row_writes_nothing_and_the_dry_run_names_that_row()
    {
        var admin = await service.As("admin");
        var (good1, good2, bad) = (NewName("imp"), NewName("imp"), NewName("imp"));
        var csv = $"""
            userName,displayName,email,mobile,roles,groups,password
            {good1},孙丽,sun.li@example.com,13900001111,agent,agents;hotline,{Password}
            {bad},周强,not-an-email,13900002222,engineer,engineers,{Password}
            {good2},吴敏,,,engineer,engineers,{Password}
            """;

        var dry = await ReadAsync(await PostFileAsync(admin, "staff.csv", Encoding.UTF8.GetBytes(csv), dryRun: true), HttpStatusCode.OK);

        var error = Assert.Single(dry.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Contains("email", error.GetProperty("message").GetString());
        Assert.Equal(2, dry.GetProperty("created").GetInt32());
        Assert.False(dry.GetProperty("written").GetBoolean());

        var real = await ApiClient.ExpectProblemAsync(await PostFileAsync(admin, "staff.csv", Encoding.UTF8.GetBytes(csv), dryRun: false),
            HttpStatusCode.BadRequest);
        Assert.Equal(3, Assert.Single(real.GetProperty("errors").EnumerateArray()).GetProperty("row").GetInt32());
        foreach (var name in new[] { good1, good2, bad })
            await ApiClient.Expect(await admin.GetAsync($"/api/users/{name}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_valid_workbook_with_chinese_headers_creates_new_people_and_updates_existing_ones()
    {
        var admin = await service.As("admin");
        var existing = NewName("old");
        await AddAsync(admin, existing, "agent", ["agents"]);
        var newcomer = NewName("new");
        var rows = new[]
        {
            new Dictionary<string, object?> { ["用户名"] = newcomer, ["姓名"] = "郑洁", ["邮箱"] = "zheng@example.com", ["手机"] = 13700001234L,
                ["角色"] = "warehouse", ["组"] = "warehouse", ["初始密码"] = Password },
            new Dictionary<string, object?> { ["用户名"] = existing, ["姓名"] = "冯涛", ["邮箱"] = null, ["手机"] = null,
                ["角色"] = "agent、deputy-manager", ["组"] = "agents，service-desk", ["初始密码"] = null },
        };
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(rows, excelType: ExcelType.XLSX);

        var result = await ReadAsync(await PostFileAsync(admin, "员工.xlsx", workbook.ToArray(), dryRun: false), HttpStatusCode.OK);

        Assert.Equal((1, 1, true), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(),
            result.GetProperty("written").GetBoolean()));
        var created = await admin.GetJsonAsync($"/api/users/{newcomer}");
        Assert.Equal("13700001234", created.GetProperty("mobile").GetString());
        Assert.True(created.GetProperty("mustChangePassword").GetBoolean());
        var updated = await admin.GetJsonAsync($"/api/users/{existing}");
        Assert.Equal("冯涛", updated.GetProperty("displayName").GetString());
        Assert.Equal(["deputy-manager", "agent"], ApiClient.Strings(updated.GetProperty("roles")));
        Assert.Equal(["agents", "service-desk"], ApiClient.Strings(updated.GetProperty("groups")));
        // The first password works, and must be changed before anything else.
        await ApiClient.ExpectProblemAsync(await (await SignInAsync(service.Host, newcomer)).GetAsync("/api/account"), HttpStatusCode.Forbidden);
        Assert.Contains((await admin.GetJsonAsync("/api/audit?target=staff")).EnumerateArray(),
            e => e.GetProperty("details").GetString() == "1 created, 1 updated");
    }

    [Fact]
    public async Task A_gb18030_csv_as_excel_saves_it_reads_and_repeats_missing_passwords_and_unknown_columns_are_named()
    {
        var admin = await service.As("admin");
        var name = NewName("gbk");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var csv = $"用户名,姓名,角色,组,初始密码\r\n{name},何静,engineer,engineers,\r\n{name},何静,engineer,engineers,{Password}\r\n";

        var dry = await ReadAsync(await PostFileAsync(admin, "staff.csv", gb.GetBytes(csv), dryRun: true), HttpStatusCode.OK);

        var errors = dry.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Item1 == 2 && e.Item2.Contains("password is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == 3 && e.Item2.Contains("already on row 2", StringComparison.Ordinal));

        var unknown = await ReadAsync(await PostFileAsync(admin, "staff.csv",
            Encoding.UTF8.GetBytes("userName,displayName,roles,salary\r\nx,y,agent,1\r\n"), dryRun: true), HttpStatusCode.OK);
        var header = Assert.Single(unknown.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, header.GetProperty("row").GetInt32());
        Assert.Contains("'salary'", header.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_workbook_with_an_external_entity_is_refused_and_nothing_is_read_from_the_server()
    {
        var admin = await service.As("admin");
        var name = NewName("xxe");
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { new Dictionary<string, object?> { ["userName"] = name, ["displayName"] = "MARK", ["roles"] = "agent",
            ["password"] = Password } }, excelType: ExcelType.XLSX);
        var hostile = WithEntity(workbook.ToArray());

        var result = await ReadAsync(await PostFileAsync(admin, "evil.xlsx", hostile, dryRun: true), HttpStatusCode.OK);

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(0, error.GetProperty("row").GetInt32());
        Assert.DoesNotContain("root:", error.GetProperty("message").GetString());
        await ApiClient.Expect(await admin.GetAsync($"/api/users/{name}"), HttpStatusCode.NotFound);
        var notWorkbook = await ReadAsync(await PostFileAsync(admin, "staff.xlsx", "just text"u8.ToArray(), dryRun: true), HttpStatusCode.OK);
        Assert.Contains("not an Excel workbook", Assert.Single(notWorkbook.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_import_without_a_file_or_by_a_non_admin_is_refused()
    {
        var admin = await service.As("admin");
        var empty = await admin.Http.PostAsync("/api/users/import?dryRun=true", new MultipartFormDataContent());
        Assert.Contains(("file", "required"), Errors(await ApiClient.ExpectProblemAsync(empty, HttpStatusCode.BadRequest)));
        await ApiClient.ExpectProblemAsync(await admin.PostAsync("/api/users/import", new { }), HttpStatusCode.UnsupportedMediaType);
        var agent = await service.As("agent");
        await ApiClient.ExpectProblemAsync(await PostFileAsync(agent, "staff.csv", "userName"u8.ToArray(), dryRun: true), HttpStatusCode.Forbidden);
    }

    private static Task<HttpResponseMessage> PostFileAsync(ApiClient client, string fileName, byte[] bytes, bool dryRun)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return client.Http.PostAsync($"/api/users/import?dryRun={(dryRun ? "true" : "false")}", form);
    }

    /// <summary>The workbook with a DOCTYPE declaring an external entity (the server's passwd file) used in its first sheet.</summary>
    private static byte[] WithEntity(byte[] xlsx)
    {
        using var copy = new MemoryStream();
        copy.Write(xlsx);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            // The cell's text may live in the sheet or in the shared strings: declare and use the entity in both.
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)
                                                         || e.FullName == "xl/sharedStrings.xml").ToList())
            {
                string xml;
                using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
                var declarationEnd = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
                var root = xml[declarationEnd..].TrimStart()[1..].Split([' ', '>'], 2)[0];
                xml = xml[..declarationEnd] + $"<!DOCTYPE {root} [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>" + xml[declarationEnd..];
                xml = xml.Replace("MARK", "&secret;", StringComparison.Ordinal);
                var path = entry.FullName;
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(path).Open());
                writer.Write(xml);
            }
        }
        return copy.ToArray();
    }
}
