namespace WorkflowService.AfterSales;

/// <summary>The kinds of request, each with its process, its order-number prefix and its words.</summary>
public sealed record OrderType(string Name, string Prefix, string ProcessKey, string English, string Chinese)
{
    public static readonly OrderType Repair = new("repair", "WX", "repair", "Repair", "维修");
    public static readonly OrderType Training = new("training", "PX", "training", "Training", "培训");
    public static readonly OrderType Replacement = new("replacement", "TH", "replacement", "Replacement or return", "退换");
    public static readonly OrderType Complaint = new("complaint", "TS", "complaint", "Complaint", "投诉");

    public static IReadOnlyList<OrderType> All { get; } = [Repair, Training, Replacement, Complaint];

    public static OrderType? Find(string? name) => All.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static OrderType Parse(string name) => Find(name) ?? throw new InvalidOperationException($"Unknown order type '{name}' in the database");
}

/// <summary>How a customer is looked after: long-term customers are revisited yearly, key customers half-yearly.</summary>
public sealed record CustomerCategory(string Name, string English, string Chinese, int? RevisitMonths)
{
    public static readonly CustomerCategory Regular = new("regular", "Regular", "普通", null);
    public static readonly CustomerCategory LongTerm = new("long-term", "Long-term", "长期", 12);
    public static readonly CustomerCategory Key = new("key", "Key", "重要", 6);

    public static IReadOnlyList<CustomerCategory> All { get; } = [Regular, LongTerm, Key];

    public static CustomerCategory? Find(string? name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Where a device stands in its after-sales life.</summary>
public static class DeviceStatus
{
    public const string InService = "in-service";
    public const string InRepair = "in-repair";
    public const string Replaced = "replaced";
    public const string Returned = "returned";

    public static readonly IReadOnlyList<string> All = [InService, InRepair, Replaced, Returned];
}

/// <summary>
/// The department's service rules (the SLA of the shipped processes) by their codes, named in both languages for the
/// pages, mails and workbooks: "24 小时内受理 (acceptance-24h)".
/// </summary>
public static class ServiceRules
{
    /// <summary>The names of the shipped rules (<see cref="Reports.Kpis.KpiReport.ShippedRules"/>); a process may name others.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Names = new(StringComparer.Ordinal)
    {
        [Reports.Kpis.KpiReport.ThreeRings] = ("电话铃响三声内接听", "Hotline answered within three rings"),
        [Reports.Kpis.KpiReport.Acceptance] = ("24 小时内受理", "Request accepted within 24 h"),
        [Reports.Kpis.KpiReport.RepairTurnaround] = ("按台数限期完成维修", "Repair done within a day per 10 units"),
        [Reports.Kpis.KpiReport.RepairSlip] = ("两天内交回维修单", "Repair slip handed in within 2 days"),
        [Reports.Kpis.KpiReport.FollowUp] = ("三天内回访", "Follow-up call within 3 days"),
        ["complaint-escalation"] = ("投诉限期解决", "Complaint resolved before escalation"),
        ["on-site-arrival"] = ("工程师按时到达现场", "Engineer on site in time"),
        ["revisit-due"] = ("客户定期回访按期完成", "Customer revisit done by its due day"),
    };

    /// <summary>The rule's name, or its code for a rule a process named itself.</summary>
    public static string Title(string code, bool chinese) => Names.TryGetValue(code, out var n) ? chinese ? n.Zh : n.En : code;

    /// <summary>The rule's name with its code beside it, or the code alone for a rule a process named itself.</summary>
    public static string Name(string code, bool chinese) => Names.ContainsKey(code) ? $"{Title(code, chinese)} ({code})" : code;
}

/// <summary>What an agent logs a hotline call as (the call process's <c>requestType</c>): a consultation or an order's type.</summary>
public static class CallRequestType
{
    public const string Consultation = "consultation";

    /// <summary>The name of <paramref name="type"/> in Chinese or English; an unknown value as it is.</summary>
    public static string? Name(string? type, bool chinese) => type switch
    {
        null => null,
        Consultation => chinese ? "咨询" : "Consultation",
        _ => OrderType.Find(type) is { } order ? (chinese ? order.Chinese : order.English) : type,
    };
}

/// <summary>The warranty of a device sold on a day for a number of months.</summary>
public static class Warranty
{
    /// <summary>
    /// The last day covered: the day before the same date <paramref name="months"/> later (sold 2026-01-31 for 1
    /// month: covered to 2026-02-27, the day before 2026-02-28, since February has no 31st).
    /// </summary>
    public static DateOnly EndsOn(DateOnly soldOn, int months) => soldOn.AddMonths(months).AddDays(-1);

    /// <summary>Covered on <paramref name="day"/>: on or after the sale, up to and including the last day.</summary>
    public static bool Covers(DateOnly soldOn, DateOnly endsOn, DateOnly day) => day >= soldOn && day <= endsOn;
}
