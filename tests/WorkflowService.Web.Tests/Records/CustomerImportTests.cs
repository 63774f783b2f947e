using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordsApiTests;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// Customers and their devices come in from a spreadsheet: a dry run names every bad row; one bad row and nothing
/// is written; Chinese headers, Excel's GB18030 CSV and real .xlsx files read; a second import updates what the
/// first one created.
/// </summary>
public sealed class CustomerImportTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_dry_run_names_each_bad_row_and_an_import_with_one_bad_row_writes_nothing()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var taken = "TAKEN" + tag;
        var other = await AddCustomerAsync(agent, $"已有客户{tag}", "regular", ("林工", null, "13800000010"));
        await AddDeviceAsync(agent, other, taken, new DateOnly(2026, 1, 10), 12);
        var csv = $"""
            name,category,contact,phone,mobile,model,serial,soldOn,warrantyMonths
            好客户{tag},key,王经理,0571-88880000,,X1-Pro,GOOD{tag},2026-03-01,12
            类别错{tag},vip,李工,,13900000001,,,,
            没电话{tag},regular,赵工,,,,,,
            串号被占{tag},regular,钱工,,13900000002,X1,{taken},2026-03-01,12
            日期错{tag},regular,孙工,,13900000003,X1,DATE{tag},2026-13-45,12
            """;

        var dry = await ReadAsync(await PostFileAsync(agent, "customers.csv", Encoding.UTF8.GetBytes(csv), dryRun: true), HttpStatusCode.OK);

        var errors = Errors(dry);
        Assert.Equal([3, 4, 5, 6], errors.Select(e => e.Row).ToArray());
        Assert.Contains("category 'vip'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("phone", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains($"serial {taken} is registered to another customer (已有客户{tag})", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("soldOn '2026-13-45' is not a date", errors[3].Message, StringComparison.Ordinal);
        Assert.Equal((1, 0, false), (dry.GetProperty("created").GetInt32(), dry.GetProperty("updated").GetInt32(), dry.GetProperty("written").GetBoolean()));

        var real = await ApiClient.ExpectProblemAsync(await PostFileAsync(agent, "customers.csv", Encoding.UTF8.GetBytes(csv), dryRun: false),
            HttpStatusCode.BadRequest);
        Assert.Equal([3, 4, 5, 6], Errors(real).Select(e => e.Row).ToArray());
        Assert.Empty((await agent.GetJsonAsync("/api/customers?q=" + Uri.EscapeDataString($"好客户{tag}"))).EnumerateArray());
        await ApiClient.ExpectProblemAsync(await agent.GetAsync($"/api/devices/GOOD{tag}"), HttpStatusCode.NotFound);
        var owner = await agent.GetJsonAsync($"/api/devices/{taken}");
        Assert.Equal(other, owner.GetProperty("customer").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_valid_workbook_with_chinese_headers_creates_customers_with_their_devices_and_warranty_end_dates()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var (first, second) = ($"宁波港机{tag}有限公司", $"个人客户{tag}");
        var rows = new[]
        {
            Row(first, "重要", "周经理", "0574-8765-0000", 13500001111L, "X1-Pro", $"nb {tag} a", new DateTime(2026, 1, 31), 1),
            Row(first, "重要", "周经理", "0574-8765-0000", 13500001111L, "X2", $"NB{tag}B", new DateTime(2025, 6, 15), 24),
            Row(second, "普通", "陈先生", null, 13600002222L, null, null, null, null),
        };
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(rows, excelType: ExcelType.XLSX);

        var result = await ReadAsync(await PostFileAsync(agent, "客户.xlsx", workbook.ToArray(), dryRun: false), HttpStatusCode.OK);

        Assert.Equal((2, 0, true), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(),
            result.GetProperty("written").GetBoolean()));
        var customer = await CustomerAsync(agent, first);
        Assert.Equal("key", customer.GetProperty("category").GetString());
        var contact = Assert.Single(customer.GetProperty("contacts").EnumerateArray());
        Assert.Equal(("周经理", "0574-8765-0000", "13500001111"),
            (contact.GetProperty("name").GetString(), contact.GetProperty("phone").GetString(), contact.GetProperty("mobile").GetString()));
        var devices = customer.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("serial").GetString()!);
        Assert.Equal(["2026-02-27", "2027-06-14"], new[] { devices[$"NB{tag}A"], devices[$"NB{tag}B"] }
            .Select(d => d.GetProperty("warrantyEndsOn").GetString()!).ToArray());
        Assert.Empty((await CustomerAsync(agent, second)).GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task A_gb18030_csv_reads_and_importing_again_updates_the_customer_and_its_device_and_adds_the_new_one()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var name = $"广州白云{tag}";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        const string header = "客户名称,类别,联系人,电话,手机,地址,回访基准日,型号,串号,销售日期,保修月数\r\n";
        var first = header + $"{name},普通,黄工,020-1234-5678,,广州市白云区,2026-01-15,X1,GZ{tag}1,2026/3/1,12\r\n";
        var created = await ReadAsync(await PostFileAsync(agent, "客户.csv", gb.GetBytes(first), dryRun: false), HttpStatusCode.OK);
        Assert.Equal(1, created.GetProperty("created").GetInt32());

        var again = header + $"{name},长期,黄工,,13700003333,,,X1-Pro,gz{tag}1,2026-03-01,24\r\n"
                           + $"{name},长期,,,,,,X3,GZ{tag}2,2026-04-01,6\r\n";
        var updated = await ReadAsync(await PostFileAsync(agent, "客户.csv", gb.GetBytes(again), dryRun: false), HttpStatusCode.OK);

        Assert.Equal((0, 1), (updated.GetProperty("created").GetInt32(), updated.GetProperty("updated").GetInt32()));
        var customer = await CustomerAsync(agent, name);
        Assert.Equal("long-term", customer.GetProperty("category").GetString());
        Assert.Equal("广州市白云区", customer.GetProperty("address").GetString());
        var contact = Assert.Single(customer.GetProperty("contacts").EnumerateArray());
        Assert.Equal(("020-1234-5678", "13700003333"), (contact.GetProperty("phone").GetString(), contact.GetProperty("mobile").GetString()));
        var devices = customer.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("serial").GetString()!);
        Assert.Equal(2, devices.Count);
        Assert.Equal(("X1-Pro", 24, "2028-02-29"), (devices[$"GZ{tag}1"].GetProperty("model").GetString(),
            devices[$"GZ{tag}1"].GetProperty("warrantyMonths").GetInt32(), devices[$"GZ{tag}1"].GetProperty("warrantyEndsOn").GetString()));
        Assert.Equal(1, customer.GetProperty("revision").GetInt32());
        // What a row of a customer in the archive leaves blank, it keeps: no category or phone is missing then.
        var blanks = await ReadAsync(await PostFileAsync(agent, "客户.csv", gb.GetBytes(header + $"{name},,黄工,,,,,,,,\r\n"), dryRun: true),
            HttpStatusCode.OK);
        Assert.Equal((0, 1, 0), (blanks.GetProperty("created").GetInt32(), blanks.GetProperty("updated").GetInt32(), Errors(blanks).Count));
    }

    [Fact]
    public async Task Rows_of_one_customer_that_name_another_phone_or_the_same_serial_twice_are_named()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var csv = $"""
            name,category,contact,phone,mobile,model,serial,soldOn,warrantyMonths
            同名{tag},regular,冯工,0571-1111-2222,,X1,TWICE{tag},2026-03-01,12
            同名{tag},,,,,X1,twice{tag},2026-03-01,12
            同名{tag},regular,冯工,0571-3333-4444,,X1,THIRD{tag},2026-03-01,12
            """;

        var dry = await ReadAsync(await PostFileAsync(agent, "customers.csv", Encoding.UTF8.GetBytes(csv), dryRun: true), HttpStatusCode.OK);

        Assert.Equal([(3, $"serial TWICE{tag} is already on row 2"),
                (4, $"name '同名{tag}' is on row 2 with another contact phone: give one customer's rows the same contact, or leave it blank")],
            Errors(dry).ToArray());
    }

    [Fact]
    public async Task An_import_by_someone_off_the_desk_or_without_a_file_is_refused()
    {
        var engineer = await service.As("engineer");
        await ApiClient.ExpectProblemAsync(await PostFileAsync(engineer, "c.csv", "name"u8.ToArray(), dryRun: true), HttpStatusCode.Forbidden);
        var agent = await service.As("agent");
        await ApiClient.ExpectProblemAsync(await agent.Http.PostAsync("/api/customers/import?dryRun=true", new MultipartFormDataContent()),
            HttpStatusCode.BadRequest);
        var header = await ReadAsync(await PostFileAsync(agent, "c.csv", "name,contact,salary\r\nx,y,1\r\n"u8.ToArray(), dryRun: true),
            HttpStatusCode.OK);
        Assert.Equal(["column C 'salary' is not one the import knows (name, category, contact, phone, mobile, email, address, anchorDate, model, serial, soldOn, warrantyMonths, warrantyEndsOn)",
            "the header row has no category column"], Errors(header).Select(e => e.Message).ToArray());
    }

    internal static Dictionary<string, object?> Row(string name, string category, string contact, string? phone, long? mobile, string? model,
        string? serial, DateTime? soldOn, int? months) => new()
    {
        ["客户名称"] = name, ["类别"] = category, ["联系人"] = contact, ["电话"] = phone, ["手机"] = mobile, ["型号"] = model, ["串号"] = serial,
        ["销售日期"] = soldOn, ["保修月数"] = months,
    };

    internal static async Task<JsonElement> CustomerAsync(ApiClient client, string name)
    {
        var found = Assert.Single((await client.GetJsonAsync("/api/customers?q=" + Uri.EscapeDataString(name))).EnumerateArray());
        return await client.GetJsonAsync($"/api/customers/{found.GetProperty("id").GetGuid()}");
    }

    internal static Task<HttpResponseMessage> PostFileAsync(ApiClient client, string fileName, byte[] bytes, bool dryRun)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { content, "file", fileName } };
        return client.Http.PostAsync($"/api/customers/import?dryRun={(dryRun ? "true" : "false")}", form);
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ApiClient.Expect(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static List<(int Row, string Message)> Errors(JsonElement answer) =>
        [.. answer.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("message").GetString()!))];

    internal static string Tag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
