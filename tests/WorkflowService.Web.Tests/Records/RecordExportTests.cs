using System.Net;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.CustomerImportTests;
using static WorkflowService.Web.Tests.Records.RecordsApiTests;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The lists go out as Excel workbooks with Chinese headers: customers (one row per device, under the import's
/// headers, so that the workbook imports back as it is), orders, and the staff for admins.
/// </summary>
public sealed class RecordExportTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task The_customer_workbook_lists_each_device_under_chinese_headers_and_imports_back_as_an_update()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var name = $"导出测试{tag}";
        var id = await AddCustomerAsync(agent, name, "key", ("吴工", "021-6666-0000", "13800000020"));
        await AddDeviceAsync(agent, id, $"EXA{tag}", new DateOnly(2026, 1, 31), 1);
        await AddDeviceAsync(agent, id, $"EXB{tag}", new DateOnly(2026, 2, 1), 12);

        var bytes = await DownloadAsync(agent, "/api/customers/export?q=" + Uri.EscapeDataString(name), "customers-");

        var rows = Rows(bytes);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((name, "重要", "吴工", "021-6666-0000", "13800000020", "上海市浦东新区", "2026-01-15"),
            ((string?)r["客户名称"], (string?)r["类别"], (string?)r["联系人"], (string?)r["电话"], (string?)r["手机"], (string?)r["地址"], (string?)r["回访基准日"])));
        Assert.Equal(($"EXA{tag}", "2026-01-31", "2026-02-27"), ((string?)rows[0]["串号"], (string?)rows[0]["销售日期"], (string?)rows[0]["保修截止"]));
        Assert.Equal(12d, Convert.ToDouble(rows[1]["保修月数"], System.Globalization.CultureInfo.InvariantCulture));

        var again = await ReadAsync(await PostFileAsync(agent, "customers.xlsx", bytes, dryRun: true), HttpStatusCode.OK);
        Assert.Empty(Errors(again));
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32()));
    }

    [Fact]
    public async Task The_order_workbook_lists_a_customers_orders_with_their_number_type_customer_and_devices()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var name = $"工单导出{tag}";
        var id = await AddCustomerAsync(agent, name, "regular", ("郑工", null, "13800000021"));
        await AddDeviceAsync(agent, id, $"ORD{tag}", new DateOnly(2026, 1, 1), 36);
        var repair = (await OpenAsync(agent, "repair", id, [$"ORD{tag}"])).GetProperty("number").GetString();
        var complaint = (await OpenAsync(agent, "complaint", id, [])).GetProperty("number").GetString();

        var rows = Rows(await DownloadAsync(await service.As("engineer"), $"/api/orders/export?customerId={id}", "orders-"));

        Assert.Equal([(complaint, "投诉", name, ""), (repair, "维修", name, $"ORD{tag}")],
            rows.Select(r => ((string?)r["服务单号"], (string?)r["类型"], (string?)r["客户"], (string?)r["串号"] ?? "")).OrderBy(r => r.Item2 == "维修").ToArray());
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", (string)r["受理时间"]!));
        var onlyRepairs = Rows(await DownloadAsync(agent, $"/api/orders/export?customerId={id}&type=repair", "orders-"));
        Assert.Equal([repair!], onlyRepairs.Select(r => (string)r["服务单号"]!).ToArray());
        await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/orders/export?type=visit"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_staff_workbook_is_for_admins_and_names_everyone_with_roles_and_groups()
    {
        var rows = Rows(await DownloadAsync(await service.As("admin"), "/api/users/export", "staff-"));

        var admin = Assert.Single(rows, r => (string?)r["用户名"] == "admin");
        Assert.Contains("admin", (string)admin["角色"]!, StringComparison.Ordinal);
        Assert.Equal("否", admin["已停用"]);
        await ApiClient.ExpectProblemAsync(await (await service.As("agent")).GetAsync("/api/users/export"), HttpStatusCode.Forbidden);
    }

    private static async Task<byte[]> DownloadAsync(ApiClient client, string url, string namePrefix)
    {
        var response = await client.GetAsync(url);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches($@"^{namePrefix}\d{{8}}\.xlsx$", disposition!.FileNameStar ?? disposition.FileName!.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<IDictionary<string, object?>> Rows(byte[] workbook) =>
        [.. MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
}
