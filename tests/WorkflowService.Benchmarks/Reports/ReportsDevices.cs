using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>
/// The loaded month's devices: each customer owns a few (model, serial), and each order names one of its customer's
/// (a fifth of them two or three), as an order opened from a form does. The monthly workbook lists them per order
/// (<c>ReportOrders</c> joins work_order_devices to devices); without them its "设备" column would be empty and its read
/// cheaper than in production. Written after the orders, so a month loaded before this step is topped up on reuse
/// (<see cref="EnsureAsync"/>) instead of loaded again.
/// </summary>
internal static class ReportsDevices
{
    private const int PerCustomer = 6;
    private static readonly string[] Models = ["X200", "X300 Pro", "M50", "CT-9000", "S12", "P7 Lite"];

    /// <summary>Writes the devices and the orders' device links when the database has none; returns the links written.</summary>
    public static async Task<int> EnsureAsync(BenchHost host, Action<string> log)
    {
        await using var db = host.Db();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        if (await a.OrderDevices.AnyAsync()) return 0;

        var orders = await a.Orders.AsNoTracking().OrderBy(o => o.Number).Select(o => new { o.Number, o.CustomerId, o.ReceivedAt }).ToListAsync();
        var customers = orders.Select(o => o.CustomerId).Distinct().Order().ToList();
        var random = new Random(17);
        var devices = new List<DeviceRecord>(customers.Count * PerCustomer);
        var owned = new Dictionary<Guid, List<Guid>>();
        foreach (var customer in customers)
        {
            var list = owned[customer] = new List<Guid>(PerCustomer);
            for (var i = 0; i < PerCustomer; i++)
            {
                var soldOn = new DateOnly(2024, 1, 1).AddDays(random.Next(900));
                var id = Guid.NewGuid();
                list.Add(id);
                devices.Add(new DeviceRecord
                {
                    Id = id, CustomerId = customer, Model = Models[random.Next(Models.Length)], Serial = $"SN{devices.Count:D9}", SoldOn = soldOn,
                    WarrantyMonths = 24, WarrantyEndsOn = soldOn.AddMonths(24).AddDays(-1), Status = DeviceStatus.InService, CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                });
            }
        }
        var links = new List<WorkOrderDeviceRecord>(orders.Count * 5 / 4);
        foreach (var order in orders)
        {
            var count = random.NextDouble() < 0.2 ? 2 + random.Next(2) : 1;
            foreach (var device in owned[order.CustomerId].OrderBy(_ => random.Next()).Take(count))
                links.Add(new WorkOrderDeviceRecord { OrderNumber = order.Number, DeviceId = device });
        }
        await BulkRows.InsertAsync(a, devices);
        await BulkRows.InsertAsync(a, links);
        log($"  {devices.Count:N0} devices of {customers.Count:N0} customers, {links.Count:N0} order-device links written");
        return links.Count;
    }
}
