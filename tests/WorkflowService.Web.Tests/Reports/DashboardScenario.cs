using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Reports.KpiRows;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// A known May 2017 for the dashboard's figures and the lists behind them, written as the processes would have left it:
/// two calls (one missed), eight requests (one accepted late), three repairs (one late, one reworked, one whose device
/// came back within 30 days: one first-time fix), two follow-ups (scores 5 and 4, one late), one slip, two complaints
/// (one of cause "fees", one not analysed yet), one order closed in the month, and four breaches charged to agent (2),
/// engineer (1) and no one (1). <see cref="Expected"/> is every number, worked out by hand.
/// </summary>
public sealed class DashboardScenario(WorkflowHost host)
{
    public const string From = "2017-05-01", To = "2017-05-31";

    /// <summary>History and breaches written as <see cref="KpiRows"/> writes them, milestones included.</summary>
    private readonly KpiRows _rows = new(host);

    /// <summary>Each listable number of May 2017 and how many cases it counts.</summary>
    public static readonly IReadOnlyDictionary<string, int> Expected = new Dictionary<string, int>
    {
        ["calls"] = 2, ["calls-in-time"] = 1, ["missed-calls"] = 1,
        ["requests"] = 8, ["accepted-on-time"] = 7, ["accepted-late"] = 1,
        ["repairs"] = 3, ["repairs-on-time"] = 2, ["first-time-fixes"] = 1,
        ["follow-ups"] = 2, ["follow-ups-on-time"] = 1, ["satisfaction"] = 2,
        ["satisfaction:1"] = 0, ["satisfaction:4"] = 1, ["satisfaction:5"] = 1,
        ["slips"] = 1, ["slips-on-time"] = 1,
        ["complaints"] = 2, ["cause:fees"] = 1, ["cause:not-analysed"] = 1, ["cause:attitude"] = 0,
        ["age:under-1d"] = 1, ["age:1-3d"] = 1, ["age:3-7d"] = 1, ["age:7d-plus"] = 5,
        ["rule:three-rings"] = 1, ["rule:acceptance-24h"] = 1, ["rule:repair-turnaround"] = 1, ["rule:follow-up-3d"] = 1,
        ["rule:repair-slip-2d"] = 0,
        ["person:agent"] = 2, ["person:engineer"] = 1, ["person:—"] = 1,
    };

    /// <summary>The order of the first-time fix, for the tests that follow it.</summary>
    public const string FirstFixOrder = "D17-R1";

    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>Writes the month once per test host (the tests of a class share one).</summary>
    public async Task WriteAsync()
    {
        await Once.WaitAsync();
        try
        {
            await WriteMonthAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<bool> ExistsAsync()
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        return a.Orders.Any(o => o.Number == "D17-R1");
    }

    private async Task WriteMonthAsync()
    {
        if (await ExistsAsync()) return;
        var call = await InstanceAsync("hotline-call", At(2017, 5, 2));
        var missed = await InstanceAsync("hotline-call", At(2017, 5, 3));
        await BreachAsync(missed, "three-rings", At(2017, 5, 3).AddSeconds(15), "agent");
        _ = call;

        var d1 = await DeviceAsync("SN-D17-1");
        var d3 = await DeviceAsync("SN-D17-3");
        var r1 = await OrderAsync("D17-R1", "repair", At(2017, 5, 4), [d1], endedAt: At(2017, 5, 25), ("satisfaction", "5"));
        await LeftAsync(r1, "repairDevice", At(2017, 5, 9));
        await LeftAsync(r1, "repairWork", At(2017, 5, 10));
        await LeftAsync(r1, "repairSlipWork", At(2017, 5, 11));
        await LeftAsync(r1, "followUpCall", At(2017, 5, 15));

        var r2 = await OrderAsync("D17-R2", "repair", At(2017, 5, 5), []);
        await BreachAsync(r2, "acceptance-24h", At(2017, 5, 6, 11), null);
        await BreachAsync(r2, "repair-turnaround", At(2017, 5, 11), "engineer");
        await LeftAsync(r2, "repairDevice", At(2017, 5, 10));
        await LeftAsync(r2, "repairDevice", At(2017, 5, 11)); // refused by the customer, repaired again
        await LeftAsync(r2, "repairWork", At(2017, 5, 12));

        var r3 = await OrderAsync("D17-R3", "repair", At(2017, 4, 20), [d3], endedAt: null, ("satisfaction", 4));
        await LeftAsync(r3, "repairDevice", At(2017, 5, 7));
        await LeftAsync(r3, "repairWork", At(2017, 5, 8));
        await BreachAsync(r3, "follow-up-3d", At(2017, 5, 12), "agent");
        await LeftAsync(r3, "followUpCall", At(2017, 5, 16));
        await OrderAsync("D17-R4", "repair", At(2017, 5, 20), [d3]); // the same device, 12 days after R3's repair

        await OrderAsync("D17-C1", "complaint", At(2017, 5, 6), [], endedAt: null, ("cause", "fees"));
        await OrderAsync("D17-C2", "complaint", At(2017, 5, 7), []);
        await OrderAsync("D17-T5", "training", At(2017, 5, 31, 10), []);
        await OrderAsync("D17-T6", "training", At(2017, 5, 29, 10), []);
        await OrderAsync("D17-T7", "training", At(2017, 5, 26, 10), []);
    }

    private async Task<Guid> InstanceAsync(string definitionKey, DateTimeOffset startedAt, DateTimeOffset? endedAt = null,
        params (string Name, object Value)[] variables)
    {
        var id = Guid.NewGuid();
        var vars = variables.ToImmutableDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));
        var state = new InstanceState { DefinitionKey = definitionKey, Variables = vars, StartedAt = startedAt };
        await WriteAsync(db => db.Instances.Add(new InstanceRecord
        {
            Id = id, DefinitionKey = definitionKey, DefinitionVersion = 1, BusinessKey = $"kpi-{id:N}",
            Status = endedAt is null ? "Running" : "Completed", EndedAt = endedAt,
            StateJson = InstanceStateJson.Serialize(state), StartedAt = startedAt,
        }));
        return id;
    }

    private Task LeftAsync(Guid instance, string elementId, DateTimeOffset at) => _rows.LeftAsync(instance, elementId, at);

    private Task BreachAsync(Guid instance, string rule, DateTimeOffset detectedAt, string? responsible) =>
        _rows.BreachAsync(instance, rule, detectedAt, responsible);

    private async Task<Guid> DeviceAsync(string serial)
    {
        var (id, owner) = (Guid.NewGuid(), Guid.NewGuid());
        await AfterSalesAsync(a =>
        {
            a.Customers.Add(new CustomerRecord { Id = owner, Name = $"Owner {serial}", Category = "regular", CreatedAt = At(2016, 1, 4), UpdatedAt = At(2016, 1, 4) });
            a.Devices.Add(new DeviceRecord { Id = id, CustomerId = owner, Model = "P-100", Serial = serial, Status = "in-service", CreatedAt = At(2016, 1, 4) });
        });
        return id;
    }

    private async Task<Guid> OrderAsync(string number, string type, DateTimeOffset receivedAt, Guid[] devices,
        DateTimeOffset? endedAt = null, params (string Name, object Value)[] variables)
    {
        var instance = await InstanceAsync(type, receivedAt, endedAt, variables);
        var customer = Guid.NewGuid();
        await AfterSalesAsync(a =>
        {
            a.Customers.Add(new CustomerRecord { Id = customer, Name = $"Customer {number}", Category = "regular", CreatedAt = receivedAt, UpdatedAt = receivedAt });
            a.Orders.Add(new WorkOrderRecord
            {
                Number = number, Type = type, CustomerId = customer, InstanceId = instance, DefinitionKey = type,
                ReceivedAt = receivedAt, CreatedAt = receivedAt, CreatedBy = "desk", Units = devices.Length,
                Devices = devices.Select(d => new WorkOrderDeviceRecord { OrderNumber = number, DeviceId = d }).ToList(),
            });
        });
        return instance;
    }

    private async Task AfterSalesAsync(Action<AfterSalesDbContext> add)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        add(a);
        await a.SaveChangesAsync();
    }

    private async Task WriteAsync(Action<WorkflowDbContext> add)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        add(db);
        await db.SaveChangesAsync();
    }
}
