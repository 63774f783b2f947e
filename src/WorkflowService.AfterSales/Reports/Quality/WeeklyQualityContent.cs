using Microsoft.Extensions.Configuration;
using WorkflowService.AfterSales.Reports.Monthly;

namespace WorkflowService.AfterSales.Reports.Quality;

/// <summary>A fault description and how many of the model's repair orders gave it.</summary>
public sealed record FaultCount(string Fault, int Count);

/// <summary>A model's repair orders of the week and their most frequent faults.</summary>
public sealed record ModelFaults(string Model, int Orders, IReadOnlyList<FaultCount> Faults)
{
    /// <summary>"does not start ×2; noise ×1".</summary>
    public string FaultsText => string.Join("; ", Faults.Select(f => $"{f.Fault} ×{f.Count}"));
}

/// <summary>A device repaired in the week that had at least two repair orders within the repeat window.</summary>
public sealed record RepeatRepair(string Serial, string Model, string Customer, int Count, IReadOnlyList<string> Orders)
{
    public string OrdersText => string.Join(", ", Orders);
}

/// <summary>The week's orders of one type.</summary>
public sealed record TypeCount(string Type, string Chinese, string English, int Count);

/// <summary>A complaint received in the week: its order, customer, cause (once analysed) and status.</summary>
public sealed record ComplaintRow(string Order, string Customer, string Cause, string Status, string StatusEnglish)
{
    /// <summary>The cause named in Chinese and in English (<see cref="Kpis.ComplaintCauses"/>); empty while not analysed.</summary>
    public string CauseZh => Cause.Length == 0 ? "" : Kpis.ComplaintCauses.Name(Cause, chinese: true);
    public string CauseEn => Cause.Length == 0 ? "" : Kpis.ComplaintCauses.Name(Cause, chinese: false);
}

/// <summary>
/// The weekly quality feedback (每周品质反馈) of <see cref="Week"/>: faults by model, devices repaired again within
/// <see cref="RepeatDays"/> days, the customers' requests by type and the complaints. Counted over the orders received
/// in the week (the department's Monday 00:00 to the next Monday).
/// </summary>
public sealed record WeeklyQualityContent(
    IsoWeek Week, int RepeatDays, IReadOnlyList<ModelFaults> Models, IReadOnlyList<RepeatRepair> Repeats,
    IReadOnlyList<TypeCount> Requests, IReadOnlyList<ComplaintRow> Complaints)
{
    /// <summary>The most faults listed per model.</summary>
    public const int TopFaults = 5;

    /// <summary>Shown for a repair order that names no device, and for a fault left blank.</summary>
    public const string Unknown = "—";

    public int RepairOrders => Requests.Where(r => r.Type == OrderType.Repair.Name).Sum(r => r.Count);
}

/// <summary>Counts a <see cref="WeeklyQualityContent"/> from the orders of the week, read a chunk at a time.</summary>
public sealed class WeeklyQualityBuilder(ReportOrders orders, DepartmentDay days, IConfiguration configuration)
{
    public const string RepeatDaysKey = "Reports:RepeatRepairDays";
    public const int DefaultRepeatDays = 90;

    public int RepeatDays => int.TryParse(configuration[RepeatDaysKey], out var d) && d > 0 ? d : DefaultRepeatDays;

    public async Task<WeeklyQualityContent> BuildAsync(IsoWeek week, CancellationToken ct)
    {
        var (from, to) = (days.StartOf(week.Monday), days.StartOf(week.Sunday.AddDays(1)));
        var byType = OrderType.All.ToDictionary(t => t.Name, _ => 0, StringComparer.Ordinal);
        var faults = new Dictionary<string, (int Orders, Dictionary<string, int> Faults)>(StringComparer.Ordinal);
        var repaired = new Dictionary<Guid, (ReportDevice Device, string Customer)>();
        var complaints = new List<ComplaintRow>();
        await foreach (var order in orders.ReadAsync(from, to, ct: ct))
        {
            byType[order.Type] = byType.GetValueOrDefault(order.Type) + 1;
            if (order.Type == OrderType.Repair.Name)
            {
                var fault = order.Fault ?? WeeklyQualityContent.Unknown;
                IEnumerable<string> ofOrder = order.Devices.Count == 0
                    ? [WeeklyQualityContent.Unknown]
                    : order.Devices.Select(d => d.Model).Distinct(StringComparer.Ordinal);
                foreach (var model in ofOrder)
                {
                    var (count, given) = faults.TryGetValue(model, out var e) ? e : (0, new Dictionary<string, int>(StringComparer.Ordinal));
                    given[fault] = given.GetValueOrDefault(fault) + 1;
                    faults[model] = (count + 1, given);
                }
                foreach (var device in order.Devices) repaired[device.Id] = (device, order.Customer);
            }
            else if (order.Type == OrderType.Complaint.Name)
            {
                var (zh, en) = ReportTexts.Status(order.Status);
                complaints.Add(new ComplaintRow(order.Number, order.Customer, order.Cause ?? "", zh, en));
            }
        }

        var repeatDays = RepeatDays;
        var repairs = await orders.RepairsOfAsync(repaired.Keys, to.AddDays(-repeatDays), to, ct);
        var repeats = repairs.GroupBy(r => r.DeviceId).Where(g => g.Count() >= 2)
            .Select(g => (Device: repaired[g.Key], Orders: g.OrderBy(r => r.ReceivedAt).Select(r => r.Number).ToList()))
            .Select(r => new RepeatRepair(r.Device.Device.Serial, r.Device.Device.Model, r.Device.Customer, r.Orders.Count, r.Orders))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Serial, StringComparer.Ordinal).ToList();

        var models = faults.Select(f => new ModelFaults(f.Key, f.Value.Orders, [.. f.Value.Faults
                .OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(WeeklyQualityContent.TopFaults)
                .Select(x => new FaultCount(x.Key, x.Value))]))
            .OrderByDescending(m => m.Orders).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        var requests = byType.Select(t => OrderType.Find(t.Key) is { } type
                ? new TypeCount(type.Name, type.Chinese, type.English, t.Value)
                : new TypeCount(t.Key, t.Key, t.Key, t.Value)).ToList();
        return new WeeklyQualityContent(week, repeatDays, models, repeats, requests, complaints);
    }
}
