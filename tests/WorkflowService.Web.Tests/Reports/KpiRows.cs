using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// Writes the rows a KPI counts straight into the service's SQLite file — instances, history, breaches, work orders —
/// as the processes would have left them, in a past month no other test touches, so that every figure is known exactly.
/// </summary>
public sealed class KpiRows(WorkflowHost host)
{
    /// <summary>The department's zone (App:TimeZone, Asia/Shanghai): a "day" in the tests is a day there.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset At(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, Offset);

    /// <summary>An instance of <paramref name="definitionKey"/> started at <paramref name="startedAt"/>, with these variables.</summary>
    public async Task<Guid> InstanceAsync(string definitionKey, DateTimeOffset startedAt, params (string Name, object Value)[] variables)
    {
        var id = Guid.NewGuid();
        var vars = variables.ToImmutableDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));
        var state = new InstanceState { DefinitionKey = definitionKey, Variables = vars, StartedAt = startedAt };
        await WriteAsync(db => db.Instances.Add(new InstanceRecord
        {
            Id = id, DefinitionKey = definitionKey, DefinitionVersion = 1, BusinessKey = $"kpi-{id:N}", Status = "Running",
            StateJson = InstanceStateJson.Serialize(state), StartedAt = startedAt,
        }));
        return id;
    }

    /// <summary>The element was left (a task completed, a subprocess finished) at <paramref name="at"/>.</summary>
    public async Task LeftAsync(Guid instance, string elementId, DateTimeOffset at)
    {
        await WriteAsync(db => db.History.Add(new HistoryRecord { InstanceId = instance, ElementId = elementId, Event = HistoryEvent.Left, At = at }));
        await MilestonesAsync(instance);
    }

    /// <summary>A breach of <paramref name="rule"/> detected at <paramref name="detectedAt"/>, charged to <paramref name="responsible"/>.</summary>
    public async Task BreachAsync(Guid instance, string rule, DateTimeOffset detectedAt, string? responsible = null)
    {
        await WriteAsync(db => db.Breaches.Add(new BreachRecord
        {
            Rule = rule, InstanceId = instance, DefinitionKey = "kpi", ElementId = "timer", DueAt = detectedAt.AddMinutes(-1), DetectedAt = detectedAt,
            Responsible = responsible,
        }));
        await MilestonesAsync(instance);
    }

    /// <summary>A work order of <paramref name="type"/> received at <paramref name="receivedAt"/>, with its instance; answers the instance.</summary>
    public async Task<Guid> OrderAsync(string type, DateTimeOffset receivedAt)
    {
        var instance = await InstanceAsync(type, receivedAt);
        var customer = Guid.NewGuid();
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        a.Customers.Add(new CustomerRecord { Id = customer, Name = $"KPI {customer:N}", Category = "regular", CreatedAt = receivedAt, UpdatedAt = receivedAt });
        a.Orders.Add(new WorkOrderRecord
        {
            Number = $"K-{instance.ToString("N")[..24]}", Type = type, CustomerId = customer, InstanceId = instance, DefinitionKey = type,
            ReceivedAt = receivedAt, CreatedAt = receivedAt, CreatedBy = "desk", Units = 1,
        });
        await a.SaveChangesAsync();
        return instance;
    }

    /// <summary>
    /// The instance's milestones built again from the rows written so far, as the step that left the element (or recorded
    /// the breach) keeps them: these rows are written straight, beside the steps.
    /// </summary>
    private Task MilestonesAsync(Guid instance) => host.Services.GetRequiredService<MilestoneBuilder>().RebuildAsync(instance);

    private async Task WriteAsync(Action<WorkflowDbContext> add)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        add(db);
        await db.SaveChangesAsync();
    }
}
