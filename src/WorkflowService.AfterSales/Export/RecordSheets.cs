using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Export;

/// <summary>
/// The customer list and the order list as Excel workbooks with Chinese headers, for people who work on them in
/// Excel. The customer workbook is one row per device (a customer without devices has one row) with the customer's
/// first contact, under the headers the import reads: edited and imported back, it updates what it lists.
/// </summary>
public sealed class RecordSheets(WorkflowDbFactory dbFactory, WorkOrderDesk desk, IOptions<AfterSalesOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The most rows a workbook holds: a list longer than this is narrowed (by search, customer, type or days) first.</summary>
    public const int MaxRows = 10_000;

    private static readonly string[] CustomerHeaders =
        ["客户名称", "类别", "联系人", "电话", "手机", "邮箱", "地址", "回访基准日", "型号", "串号", "销售日期", "保修月数", "保修截止"];

    private static readonly string[] OrderHeaders = ["服务单号", "类型", "客户", "受理时间", "建单时间", "建单人", "台数", "保修内", "串号"];

    /// <summary>The customers a search for <paramref name="query"/> finds (all when it is blank), by name.</summary>
    public async Task<byte[]> CustomersAsync(string? query, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var customers = await CustomerArchive.Matching(a.Customers.AsNoTracking(), query).Include(c => c.Contacts)
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(MaxRows).ToListAsync(ct);
        var ids = customers.Select(c => c.Id).ToList();
        var devices = (await a.Devices.AsNoTracking().Where(d => ids.Contains(d.CustomerId)).ToListAsync(ct))
            .ToLookup(d => d.CustomerId);
        var rows = customers.SelectMany(c =>
        {
            var contact = c.Contacts.OrderBy(k => k.Position).FirstOrDefault();
            object?[] customer = [c.Name, CustomerCategory.Find(c.Category)?.Chinese ?? c.Category, contact?.Name, contact?.Phone, contact?.Mobile,
                contact?.Email, c.Address, Date(c.AnchorDate)];
            var owned = devices[c.Id].OrderBy(d => d.Model).ThenBy(d => d.Serial).ToList();
            return owned.Count == 0
                ? [[.. customer, null, null, null, null, null]]
                : owned.Select(d => (IReadOnlyList<object?>)[.. customer, d.Model, d.Serial, Date(d.SoldOn), d.WarrantyMonths, Date(d.WarrantyEndsOn)]);
        }).Take(MaxRows);
        return SheetWriter.Write(CustomerHeaders, rows);
    }

    /// <summary>The orders of a customer, a type and the department's days from/to, newest first; times in the department's zone.</summary>
    public async Task<byte[]> OrdersAsync(Guid? customerId, string? type, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var orders = await desk.Filter(a, customerId, type, from, to).Include(o => o.Devices)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number).Take(MaxRows).ToListAsync(ct);
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var names = await a.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var deviceIds = orders.SelectMany(o => o.Devices.Select(d => d.DeviceId)).Distinct().ToList();
        var serials = await a.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Serial, ct);
        var rows = orders.Select(o => (IReadOnlyList<object?>)
        [
            o.Number, OrderType.Find(o.Type)?.Chinese ?? o.Type, names.GetValueOrDefault(o.CustomerId), Time(o.ReceivedAt), Time(o.CreatedAt),
            o.CreatedBy, o.Units, o.InWarranty ? "是" : "否",
            string.Join(", ", o.Devices.Select(d => serials.GetValueOrDefault(d.DeviceId)).OfType<string>().Order(StringComparer.Ordinal)),
        ]);
        return SheetWriter.Write(OrderHeaders, rows);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
