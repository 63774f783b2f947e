using System.Text.Json;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Orders;

/// <summary>
/// An order's fees (费用): the process variables its settle-fees task sets (the shipped repair process asks them of
/// finance when the work is out of warranty). The order page and GET /api/orders/{number} show those that are set,
/// and the timeline says when they were settled and by whom. A process that wants its fees shown uses these names.
/// </summary>
public static class OrderFees
{
    /// <summary>The prices: parts in yuan (配件费), labour in yuan (人工费) — what a repair slip prints.</summary>
    public static readonly IReadOnlyList<string> PriceNames = ["partsPrice", "labourPrice"];

    /// <summary>The prices and whether the payment was received (已收款).</summary>
    public static readonly IReadOnlyList<string> VariableNames = [.. PriceNames, "paymentReceived"];

    /// <summary>The user task of the shipped processes that settles the fees: its completion dates them in the timeline.</summary>
    public const string SettleTaskId = "settleFees";

    /// <summary>The fee variables that are set, in <see cref="VariableNames"/>' order.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Of(IReadOnlyDictionary<string, JsonElement> variables)
    {
        // Added in order and never removed from: a Dictionary enumerates in insertion order then.
        var fees = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in VariableNames)
            if (variables.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                fees[name] = value;
        return fees;
    }

    /// <summary>
    /// The timeline's fees entry: when the settle-fees task was last completed (or, for fees set some other way, the
    /// process's latest step), by whom, with the amounts; none while no fee is set.
    /// </summary>
    public static TimelineEntry? Entry(IReadOnlyDictionary<string, JsonElement> fees, IReadOnlyList<InstanceHistoryEntry> history)
    {
        if (fees.Count == 0 || history.Count == 0) return null;
        var settled = history.LastOrDefault(h => h.ElementId == SettleTaskId && h.Event == HistoryEvent.Left.Name) ?? history[^1];
        var detail = string.Join(", ", fees.Select(f => $"{f.Key}={f.Value.GetRawText()}"));
        return new TimelineEntry(settled.At, "fees", settled.ElementName ?? settled.ElementId, settled.By, detail);
    }
}
