using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>A device of an order as a report lists it.</summary>
public sealed record ReportDevice(Guid Id, string Model, string Serial);

/// <summary>
/// A work order with what the period reports say about it: its customer and devices, its instance's status and end,
/// the person responsible (the process's <c>engineer</c>, <c>owner</c> or <c>trainer</c>), the rules it broke, and the
/// few variables the reports read (the fault description, a complaint's cause).
/// </summary>
public sealed record ReportOrder(
    string Number, string Type, Guid InstanceId, string Customer, DateTimeOffset ReceivedAt, IReadOnlyList<ReportDevice> Devices,
    string Status, DateTimeOffset? ClosedAt, string? Responsible, IReadOnlyList<string> BrokenRules, string? Fault, string? Cause);

/// <summary>
/// Reads the orders received in a period, a chunk at a time, so that a month of 100,000 orders is never held in memory
/// at once: each chunk's orders, customers, devices, instances and breaches are read with one query each.
/// </summary>
public sealed class ReportOrders(WorkflowDbFactory dbFactory)
{
    public const int Chunk = 500;

    /// <summary>The variables naming who is responsible, by process: the dispatched engineer, the complaint's owner, the trainer.</summary>
    public static readonly IReadOnlyList<string> ResponsibleVariables = ["engineer", "owner", "trainer"];

    public const string FaultVariable = "fault";

    /// <summary>A complaint's cause: the analysed cause, else the root cause found at the end.</summary>
    public static readonly IReadOnlyList<string> CauseVariables = ["cause", "rootCause"];

    /// <summary>The orders received in [<paramref name="from"/>, <paramref name="to"/>), oldest first; only of <paramref name="type"/> when given.</summary>
    public async IAsyncEnumerable<ReportOrder> ReadAsync(DateTimeOffset from, DateTimeOffset to, string? type = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        // The period's order numbers first, in order (one pass over the table: received time has no index), then each
        // chunk by its numbers (the key): a month of 100,000 orders holds 100,000 short strings, not 100,000 rows.
        List<string> numbers;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            var query = a.Orders.AsNoTracking().Where(o => o.ReceivedAt >= from && o.ReceivedAt < to);
            if (type is not null) query = query.Where(o => o.Type == type);
            numbers = await query.OrderBy(o => o.ReceivedAt).ThenBy(o => o.Number).Select(o => o.Number).ToListAsync(ct);
        }
        foreach (var chunk in numbers.Chunk(Chunk))
            foreach (var order in await ChunkAsync(chunk, ct))
                yield return order;
    }

    /// <summary>The repair orders of these devices received in [<paramref name="since"/>, <paramref name="until"/>): number, device, received.</summary>
    public async Task<List<(string Number, Guid DeviceId, DateTimeOffset ReceivedAt)>> RepairsOfAsync(IReadOnlyCollection<Guid> devices,
        DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var result = new List<(string, Guid, DateTimeOffset)>();
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var repair = OrderType.Repair.Name;
        foreach (var chunk in devices.Chunk(Chunk))
        {
            var rows = await (from d in a.OrderDevices.AsNoTracking()
                              join o in a.Orders.AsNoTracking() on d.OrderNumber equals o.Number
                              where chunk.Contains(d.DeviceId) && o.Type == repair && o.ReceivedAt >= since && o.ReceivedAt < until
                              select new { o.Number, d.DeviceId, o.ReceivedAt }).ToListAsync(ct);
            result.AddRange(rows.Select(r => (r.Number, r.DeviceId, r.ReceivedAt)));
        }
        return result;
    }

    private async Task<List<ReportOrder>> ChunkAsync(string[] numbers, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var byNumber = await a.Orders.AsNoTracking().Where(o => numbers.Contains(o.Number))
            .Select(o => new { o.Number, o.Type, o.InstanceId, o.CustomerId, o.ReceivedAt }).ToDictionaryAsync(o => o.Number, ct);
        var orders = numbers.Where(byNumber.ContainsKey).Select(n => byNumber[n]).ToList();
        if (orders.Count == 0) return [];

        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await a.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var devices = (await (from d in a.OrderDevices.AsNoTracking()
                              join v in a.Devices.AsNoTracking() on d.DeviceId equals v.Id
                              where numbers.Contains(d.OrderNumber)
                              select new { d.OrderNumber, v.Id, v.Model, v.Serial }).ToListAsync(ct))
            .ToLookup(d => d.OrderNumber, d => new ReportDevice(d.Id, d.Model, d.Serial));
        var instanceIds = orders.Select(o => o.InstanceId).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Status, i.EndedAt, i.StateJson }).ToDictionaryAsync(i => i.Id, ct);
        var breaches = (await db.Breaches.AsNoTracking().Where(b => instanceIds.Contains(b.InstanceId))
            .Select(b => new { b.InstanceId, b.Rule }).ToListAsync(ct)).ToLookup(b => b.InstanceId, b => b.Rule);

        return [.. orders.Select(o =>
        {
            var instance = instances.GetValueOrDefault(o.InstanceId);
            var variables = instance is null ? [] : Variables(instance.StateJson);
            return new ReportOrder(o.Number, o.Type, o.InstanceId, customers.GetValueOrDefault(o.CustomerId) ?? "", o.ReceivedAt,
                [.. devices[o.Number].OrderBy(d => d.Serial, StringComparer.Ordinal)], instance?.Status ?? "", instance?.EndedAt,
                First(variables, ResponsibleVariables), [.. breaches[o.InstanceId].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                variables.GetValueOrDefault(FaultVariable), First(variables, CauseVariables));
        })];
    }

    private static readonly string[] Wanted = [.. ResponsibleVariables, FaultVariable, .. CauseVariables];

    /// <summary>
    /// The few text variables the reports read, straight from the stored state's <c>variables</c> (not the whole state
    /// deserialised: for a month of orders that is most of the work).
    /// </summary>
    private static Dictionary<string, string> Variables(string stateJson)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(stateJson);
        if (!document.RootElement.TryGetProperty("variables", out var variables) || variables.ValueKind != JsonValueKind.Object) return found;
        foreach (var name in Wanted)
            if (variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text))
                found[name] = text.Trim();
        return found;
    }

    private static string? First(Dictionary<string, string> variables, IReadOnlyList<string> names) =>
        names.Select(variables.GetValueOrDefault).FirstOrDefault(t => t is not null);
}
