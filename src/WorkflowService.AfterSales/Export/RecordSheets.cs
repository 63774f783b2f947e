using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using static WorkflowService.AfterSales.Export.ListSheet;

namespace WorkflowService.AfterSales.Export;

/// <summary>Which devices a device list shows by their warranty on the department's today: all, those covered, those not.</summary>
public enum WarrantyFilter { All, In, Out }

/// <summary>
/// The customer list, the order list and the device list as Excel workbooks in the reader's language, for people who
/// work on them in Excel. The customer workbook is one row per device (a customer without devices has one row) with
/// the customer's first contact, under headers the import reads (the Chinese ones, or English ones that read as its
/// field names): edited and imported back, it updates what it lists.
/// </summary>
public sealed class RecordSheets(WorkflowDbFactory dbFactory, WorkOrderDesk desk, DepartmentDay days, IOptions<AfterSalesOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The most rows a workbook holds: a list longer than this is narrowed (by search, customer, type or days) first.</summary>
    public const int MaxRows = ListSheet.MaxRows;

    private static readonly Bilingual[] CustomerHeaders =
    [
        new("客户名称", "Customer name"), new("类别", "Category"), new("联系人", "Contact"), new("电话", "Phone"), new("手机", "Mobile"),
        new("邮箱", "Email"), new("地址", "Address"), new("回访基准日", "Anchor date"), new("型号", "Model"), new("串号", "Serial"),
        new("销售日期", "Sold on"), new("保修月数", "Warranty months"), new("保修截止", "Warranty ends on"),
    ];

    private static readonly Bilingual[] OrderHeaders =
    [
        new("服务单号", "Number"), new("类型", "Type"), new("客户", "Customer"), new("受理时间", "Received"), new("建单时间", "Created"),
        new("建单人", "Created by"), new("台数", "Units"), new("保修内", "In warranty"), new("串号", "Serials"),
    ];

    private static readonly Bilingual[] DeviceHeaders =
    [
        new("串号", "Serial"), new("型号", "Model"), new("客户", "Customer"), new("销售日期", "Sold on"), new("保修月数", "Warranty months"),
        new("保修截止", "Warranty ends on"), new("保修内", "In warranty"), new("状态", "Status"),
    ];

    private static readonly Dictionary<string, Bilingual> DeviceStates = new()
    {
        [DeviceStatus.InService] = new("在用", "In service"), [DeviceStatus.InRepair] = new("维修中", "In repair"),
        [DeviceStatus.Replaced] = new("已更换", "Replaced"), [DeviceStatus.Returned] = new("已退货", "Returned"),
    };

    /// <summary>The customers a search for <paramref name="query"/> finds (all when it is blank), by name.</summary>
    public async Task<byte[]> CustomersAsync(string? query, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
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
            var category = CustomerCategory.Find(c.Category);
            object?[] customer = [c.Name, (zh ? category?.Chinese : category?.English) ?? c.Category, contact?.Name, contact?.Phone,
                contact?.Mobile, contact?.Email, c.Address, Date(c.AnchorDate)];
            var owned = devices[c.Id].OrderBy(d => d.Model).ThenBy(d => d.Serial).ToList();
            return owned.Count == 0
                ? [[.. customer, null, null, null, null, null]]
                : owned.Select(d => (IReadOnlyList<object?>)[.. customer, d.Model, d.Serial, Date(d.SoldOn), d.WarrantyMonths, Date(d.WarrantyEndsOn)]);
        });
        return Write(new("客户", "Customers"), CustomerHeaders, rows, culture);
    }

    /// <summary>The orders of a customer, a type and the department's days from/to, newest first; times in the department's zone.</summary>
    public async Task<byte[]> OrdersAsync(Guid? customerId, string? type, DateOnly? from, DateOnly? to, CultureInfo culture,
        CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
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
            o.Number, OrderType.Find(o.Type) is { } t ? (zh ? t.Chinese : t.English) : o.Type, names.GetValueOrDefault(o.CustomerId),
            Time(o.ReceivedAt, _zone), Time(o.CreatedAt, _zone), o.CreatedBy, o.Units, YesNo(o.InWarranty, zh),
            string.Join(", ", o.Devices.Select(d => serials.GetValueOrDefault(d.DeviceId)).OfType<string>().Order(StringComparer.Ordinal)),
        ]);
        return Write(new("服务单", "Orders"), OrderHeaders, rows, culture);
    }

    /// <summary>
    /// The devices whose model or serial contains a text (in any case), of one customer, and covered or not by their warranty on the
    /// department's today; by serial.
    /// </summary>
    public async Task<byte[]> DevicesAsync(string? model, string? serial, Guid? customerId, WarrantyFilter warranty, CultureInfo culture,
        CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var today = days.Today;
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var found = a.Devices.AsNoTracking();
        // Upper-cased on both sides: "x1" finds X1-Pro on SQLite and PostgreSQL alike (ASCII models and serials). The
        // query's ToUpper() is SQL's upper(), which the analyzers' culture and comparison rules do not apply to.
#pragma warning disable CA1304, CA1311, CA1862
        if (!string.IsNullOrWhiteSpace(model))
        {
            var text = model.Trim().ToUpperInvariant();
            found = found.Where(d => d.Model.ToUpper().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(serial))
        {
            var text = serial.Trim().ToUpperInvariant();
            found = found.Where(d => d.Serial.ToUpper().Contains(text));
        }
#pragma warning restore CA1304, CA1311, CA1862
        if (customerId is { } id) found = found.Where(d => d.CustomerId == id);
        found = warranty switch
        {
            WarrantyFilter.In => found.Where(d => d.SoldOn <= today && d.WarrantyEndsOn >= today),
            WarrantyFilter.Out => found.Where(d => d.SoldOn > today || d.WarrantyEndsOn < today),
            _ => found,
        };
        var devices = await found.OrderBy(d => d.Serial).Take(MaxRows).ToListAsync(ct);
        var customerIds = devices.Select(d => d.CustomerId).Distinct().ToList();
        var names = await a.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = devices.Select(d => (IReadOnlyList<object?>)
        [
            d.Serial, d.Model, names.GetValueOrDefault(d.CustomerId), Date(d.SoldOn), d.WarrantyMonths, Date(d.WarrantyEndsOn),
            YesNo(Warranty.Covers(d.SoldOn, d.WarrantyEndsOn, today), zh),
            DeviceStates.TryGetValue(d.Status, out var state) ? state.In(zh) : d.Status,
        ]);
        return Write(new("设备", "Devices"), DeviceHeaders, rows, culture);
    }
}
