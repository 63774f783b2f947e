using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The known scenario of the weekly and monthly reports' tests, around week 2026-W48 (Monday 23 to Sunday 29 November):
/// two customers, three devices of two models, repair orders with their faults (one device repaired twice within 90 days,
/// another twice but months apart), a training order, two complaints (one analysed and closed), an order of the 30th and
/// one of October. Times are Shanghai's.
/// </summary>
public sealed class PeriodicReportScenario(WorkflowHost host)
{
    public const string Shenda = "上海申达机电";
    public const string Acme = "Acme Pumps";

    public static DateTimeOffset At(int month, int day, int hour = 10) => DailyReportHost.At(2026, month, day, hour);

    /// <summary>Writes the scenario; answers the instance of order WX-20261125-001 (the one that broke the acceptance rule).</summary>
    public async Task SeedAsync()
    {
        var shenda = await CustomerAsync(Shenda);
        var acme = await CustomerAsync(Acme);
        var sn1 = await DeviceAsync(shenda, "XG-200", "SN-001");
        var sn2 = await DeviceAsync(shenda, "XG-200", "SN-002");
        var sn9 = await DeviceAsync(acme, "PX-9", "SN-900");

        await OrderAsync("WX-20260601-001", "repair", acme, At(6, 1), [sn9], ("fault", "漏水"));
        await OrderAsync("WX-20261010-001", "repair", shenda, At(10, 10), [sn1], ("fault", "异响"));
        await OrderAsync("WX-20261124-001", "repair", shenda, At(11, 24), [sn1], ("fault", "无法启动"), ("engineer", "li.wei"));
        await CloseAsync("WX-20261124-001", At(11, 27, 15));
        var late = await OrderAsync("WX-20261125-001", "repair", shenda, At(11, 25), [sn2], ("fault", " 无法启动 "), ("engineer", "wang.fang"));
        await BreachAsync(late, "acceptance-24h", At(11, 26, 12));
        await OrderAsync("WX-20261126-001", "repair", acme, At(11, 26), [sn9], ("fault", "漏水"));
        await OrderAsync("PX-20261127-001", "training", acme, At(11, 27), [], ("trainer", "zhang.min"));
        await OrderAsync("TS-20261128-001", "complaint", acme, At(11, 28), [], ("owner", "chen.jie"), ("cause", "工程师迟到"));
        await CloseAsync("TS-20261128-001", At(11, 29, 11));
        await OrderAsync("TS-20261129-001", "complaint", shenda, At(11, 29), [], ("owner", "chen.jie"));
        await OrderAsync("WX-20261130-001", "repair", shenda, At(11, 30, 8), [sn2], ("fault", "屏幕不亮"));
    }

    private async Task<Guid> CustomerAsync(string name) => await WriteAsync(a =>
    {
        var id = Guid.NewGuid();
        a.Customers.Add(new CustomerRecord { Id = id, Name = name, Category = "regular", CreatedAt = At(1, 1), UpdatedAt = At(1, 1) });
        return id;
    });

    private async Task<Guid> DeviceAsync(Guid customer, string model, string serial) => await WriteAsync(a =>
    {
        var id = Guid.NewGuid();
        a.Devices.Add(new DeviceRecord
        {
            Id = id, CustomerId = customer, Model = model, Serial = serial, SoldOn = new DateOnly(2025, 1, 1), WarrantyMonths = 24,
            WarrantyEndsOn = new DateOnly(2026, 12, 31), Status = DeviceStatus.InService, CreatedAt = At(1, 1),
        });
        return id;
    });

    private async Task<Guid> OrderAsync(string number, string type, Guid customer, DateTimeOffset receivedAt, Guid[] devices,
        params (string Name, object Value)[] variables)
    {
        var instance = Guid.NewGuid();
        var state = new InstanceState
        {
            DefinitionKey = type, StartedAt = receivedAt,
            Variables = variables.ToImmutableDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value)),
        };
        await using (var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create())
        {
            db.Instances.Add(new InstanceRecord
            {
                Id = instance, DefinitionKey = type, DefinitionVersion = 1, BusinessKey = number, Status = "Running",
                StateJson = InstanceStateJson.Serialize(state), StartedAt = receivedAt,
            });
            await db.SaveChangesAsync();
        }
        await WriteAsync(a =>
        {
            a.Orders.Add(new WorkOrderRecord
            {
                Number = number, Type = type, CustomerId = customer, InstanceId = instance, DefinitionKey = type, ReceivedAt = receivedAt,
                CreatedAt = receivedAt, CreatedBy = "desk", Units = 1,
                Devices = [.. devices.Select(d => new WorkOrderDeviceRecord { OrderNumber = number, DeviceId = d })],
            });
            return instance;
        });
        return instance;
    }

    private async Task CloseAsync(string number, DateTimeOffset at)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        var instance = await db.Instances.SingleAsync(i => i.BusinessKey == number);
        (instance.Status, instance.EndedAt) = ("Completed", at);
        await db.SaveChangesAsync();
    }

    private async Task BreachAsync(Guid instance, string rule, DateTimeOffset detectedAt)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        db.Breaches.Add(new BreachRecord
        {
            Rule = rule, InstanceId = instance, DefinitionKey = "repair", ElementId = "timer", DueAt = detectedAt.AddMinutes(-1),
            DetectedAt = detectedAt, Responsible = "wang.fang",
        });
        await db.SaveChangesAsync();
    }

    private async Task<T> WriteAsync<T>(Func<AfterSalesDbContext, T> add)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        var result = add(a);
        await a.SaveChangesAsync();
        return result;
    }
}
