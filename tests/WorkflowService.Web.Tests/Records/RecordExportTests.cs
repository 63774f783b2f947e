using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task An_english_reader_gets_the_customer_workbook_under_english_headers_that_import_back_too()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var name = $"English export {tag}";
        var id = await AddCustomerAsync(agent, name, "long-term", ("Mr Wu", "021-6666-0001", null));
        await AddDeviceAsync(agent, id, $"ENA{tag}", new DateOnly(2026, 1, 31), 1);

        var bytes = await DownloadAsync(agent, "/api/customers/export?q=" + Uri.EscapeDataString(name), "customers-", "en");

        var row = Assert.Single(Rows(bytes));
        Assert.Equal((name, "Long-term", "Mr Wu", "021-6666-0001", $"ENA{tag}", "2026-02-27"),
            ((string?)row["Customer name"], (string?)row["Category"], (string?)row["Contact"], (string?)row["Phone"], (string?)row["Serial"],
                (string?)row["Warranty ends on"]));
        Assert.Equal(["Customers"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var again = await ReadAsync(await PostFileAsync(agent, "customers.xlsx", bytes, dryRun: true), HttpStatusCode.OK);
        Assert.Empty(Errors(again));
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32()));
    }

    [Fact]
    public async Task The_order_workbook_reads_in_english_and_keeps_the_days_filter()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, $"Order days {Tag()}", "regular", ("Mr Zheng", null, "13800000022"));
        var number = (await OpenAsync(agent, "complaint", id, [])).GetProperty("number").GetString();
        // The department's day on the service's clock (a day ahead of the real one), as the days filter reads it.
        var today = service.Host.Services.GetRequiredService<WorkflowService.AfterSales.DepartmentDay>().Today;

        var bytes = await DownloadAsync(agent, $"/api/orders/export?customerId={id}&from={today.AddDays(-1):yyyy-MM-dd}", "orders-", "en");
        var later = Rows(await DownloadAsync(agent, $"/api/orders/export?customerId={id}&from={today.AddDays(2):yyyy-MM-dd}", "orders-", "en"));

        var row = Assert.Single(Rows(bytes));
        Assert.Equal((number, "Complaint", "No"), ((string?)row["Number"], (string?)row["Type"], (string?)row["In warranty"]));
        Assert.Equal(["Orders"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        Assert.Empty(later);
    }

    [Theory]
    [InlineData("zh-CN", "串号", "保修内", "是", "否", "设备")]
    [InlineData("en", "Serial", "In warranty", "Yes", "No", "Devices")]
    public async Task The_device_workbook_narrows_by_serial_customer_and_warranty(string language, string serialHeader, string warrantyHeader,
        string yes, string no, string sheet)
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var id = await AddCustomerAsync(agent, $"设备导出{tag}", "regular", ("钱工", null, "13800000023"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await AddDeviceAsync(agent, id, $"DVIN{tag}", today.AddMonths(-1), 36);
        await AddDeviceAsync(agent, id, $"DVOUT{tag}", today.AddYears(-3), 12);

        var bytes = await DownloadAsync(agent, $"/api/devices/export?serial={tag}", "devices-", language);
        var covered = Rows(await DownloadAsync(agent, $"/api/devices/export?customerId={id}&warranty=in", "devices-", language));
        var lapsed = Rows(await DownloadAsync(agent, $"/api/devices/export?customerId={id}&warranty=out&model=x1", "devices-", language));

        Assert.Equal([($"DVIN{tag}", yes), ($"DVOUT{tag}", no)], Rows(bytes).Select(r => ((string?)r[serialHeader], (string?)r[warrantyHeader])).ToArray());
        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        Assert.Equal([$"DVIN{tag}"], covered.Select(r => (string)r[serialHeader]!).ToArray());
        Assert.Equal([$"DVOUT{tag}"], lapsed.Select(r => (string)r[serialHeader]!).ToArray());
        await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/devices/export?warranty=maybe"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_order_page_offers_its_workbook_with_the_filters_it_shows()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, $"页面导出{Tag()}", "regular", ("冯工", null, "13800000024"));
        var complaint = (await OpenAsync(agent, "complaint", id, [])).GetProperty("number").GetString();
        await OpenAsync(agent, "training", id, []);
        var page = await PageSession.SignInAsync(service.Host, "engineer", "zh-CN");

        await page.PageAsync($"/orders?type=complaint&customerId={id}");
        var link = System.Net.WebUtility.HtmlDecode(Href(page.Tag("data-testid", "excel")));
        var button = page.Text("data-testid", "excel");
        var response = await page.GetAsync(link);

        Assert.Contains("导出 Excel", button, StringComparison.Ordinal);
        Assert.Contains("type=complaint", link, StringComparison.Ordinal);
        Assert.Contains($"customerId={id}", link, StringComparison.Ordinal);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var rows = Rows(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([(complaint, "投诉")], rows.Select(r => ((string?)r["服务单号"], (string?)r["类型"])).ToArray());
    }

    [Fact]
    public async Task The_customer_page_offers_the_workbook_of_its_search()
    {
        var agent = await service.As("agent");
        var name = $"搜索导出{Tag()}";
        await AddCustomerAsync(agent, name, "key", ("褚工", null, "13800000025"));
        var page = await PageSession.SignInAsync(service.Host, "agent", "en");

        await page.PageAsync("/customers?q=" + Uri.EscapeDataString(name));
        var response = await page.GetAsync(System.Net.WebUtility.HtmlDecode(Href(page.Tag("data-testid", "excel"))));

        await ApiClient.Expect(response, HttpStatusCode.OK);
        var row = Assert.Single(Rows(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal((name, "Key"), ((string?)row["Customer name"], (string?)row["Category"]));
    }

    [Fact]
    public async Task The_customer_page_and_the_customer_list_give_the_devices_as_a_workbook()
    {
        var agent = await service.As("agent");
        var tag = Tag();
        var id = await AddCustomerAsync(agent, $"设备页面{tag}", "regular", ("卫工", null, "13800000026"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await AddDeviceAsync(agent, id, $"PGIN{tag}", today.AddMonths(-1), 36);
        await AddDeviceAsync(agent, id, $"PGOUT{tag}", today.AddYears(-3), 12);
        var page = await PageSession.SignInAsync(service.Host, "engineer", "zh-CN");

        await page.PageAsync($"/customers/{id}");
        var ofCustomer = await page.GetAsync(Href(page.Tag("data-testid", "devices-excel")));
        var ofCustomerRows = Rows(await ofCustomer.Content.ReadAsByteArrayAsync());
        await page.PageAsync("/customers");
        Assert.Contains("设备导出 Excel", page.Text("data-testid", "devices-export"), StringComparison.Ordinal);
        var lapsed = await page.GetAsync($"/customers?handler=Devices&serial={tag}&warranty=out");

        Assert.Equal([$"PGIN{tag}", $"PGOUT{tag}"], ofCustomerRows.Select(r => (string)r["串号"]!).ToArray());
        await ApiClient.Expect(lapsed, HttpStatusCode.OK);
        Assert.Equal([($"PGOUT{tag}", "否")], Rows(await lapsed.Content.ReadAsByteArrayAsync())
            .Select(r => ((string)r["串号"]!, (string)r["保修内"]!)).ToArray());
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

    /// <summary>The workbook at <paramref name="url"/> for a reader of <paramref name="language"/>, checked to be a named .xlsx download.</summary>
    internal static async Task<byte[]> DownloadAsync(ApiClient client, string url, string namePrefix, string language = "zh-CN")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.Http.SendAsync(request);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches($@"^{namePrefix}\d{{8}}\.xlsx$", disposition!.FileNameStar ?? disposition.FileName!.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The href of an anchor tag as the page wrote it (HTML-encoded).</summary>
    internal static string Href(string tag) => System.Text.RegularExpressions.Regex.Match(tag, "href=\"([^\"]*)\"").Groups[1].Value;

    internal static List<IDictionary<string, object?>> Rows(byte[] workbook) =>
        [.. MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
}
