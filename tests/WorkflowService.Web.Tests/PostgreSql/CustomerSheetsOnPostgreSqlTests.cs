using System.Net;
using System.Text;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Records;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The customer import and the exports on PostgreSQL: the archive's customers and serials are looked up by lists of
/// names and serials, and devices by upper-cased fragments (translated differently than on SQLite), and the import writes in one transaction there too.
/// </summary>
public sealed class CustomerSheetsOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task An_import_creates_then_updates_refuses_another_customers_serial_and_its_export_imports_back()
    {
        var node = await nodes.StartNodeAsync();
        var agent = await node.LoginAsync("agent");
        var other = await RecordsApiTests.AddCustomerAsync(agent, "别家客户", "regular", ("韩工", null, "13800000030"));
        await RecordsApiTests.AddDeviceAsync(agent, other, "PGTAKEN1", new DateOnly(2026, 1, 1), 12);
        const string header = "客户名称,类别,联系人,电话,手机,型号,串号,销售日期,保修月数\r\n";
        var first = header + "上海浦江,重要,许经理,021-1234-0000,,X1,PG-A1,2026-02-01,12\r\n上海浦江,重要,许经理,,,X2,PG-A2,2026-02-01,24\r\n";

        var created = await CustomerImportTests.ReadAsync(
            await CustomerImportTests.PostFileAsync(agent, "c.csv", Encoding.UTF8.GetBytes(first), dryRun: false), HttpStatusCode.OK);
        var refused = await CustomerImportTests.ReadAsync(await CustomerImportTests.PostFileAsync(agent, "c.csv",
            Encoding.UTF8.GetBytes(header + "上海浦江,长期,许经理,,,X1,PGTAKEN1,2026-02-01,12\r\n"), dryRun: true), HttpStatusCode.OK);
        var exported = await RecordExportTests.DownloadAsync(agent, "/api/customers/export?q=" + Uri.EscapeDataString("上海浦江"), "customers-");
        var again = await CustomerImportTests.ReadAsync(
            await CustomerImportTests.PostFileAsync(agent, "c.xlsx", exported, dryRun: false), HttpStatusCode.OK);
        // The device filters compare upper-cased on both sides: upper() in PostgreSQL's SQL, case-sensitive LIKE otherwise.
        var devices = await RecordExportTests.DownloadAsync(agent, "/api/devices/export?serial=pg-a&model=x2", "devices-");

        Assert.Equal((1, 0), (created.GetProperty("created").GetInt32(), created.GetProperty("updated").GetInt32()));
        Assert.Contains("registered to another customer (别家客户)", Assert.Single(CustomerImportTests.Errors(refused)).Message, StringComparison.Ordinal);
        Assert.Equal(["PG-A1", "PG-A2"], MiniExcel.Query(new MemoryStream(exported), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => (string)r["串号"]!).ToArray());
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32()));
        Assert.Equal(["PG-A2"], RecordExportTests.Rows(devices).Select(r => (string)r["串号"]!).ToArray());
        var customer = await CustomerImportTests.CustomerAsync(agent, "上海浦江");
        Assert.Equal(2, customer.GetProperty("devices").GetArrayLength());
        Assert.Equal(1, customer.GetProperty("revision").GetInt32());
    }
}
