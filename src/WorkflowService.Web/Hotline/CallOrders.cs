using WorkflowService.AfterSales.Customers;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Hotline;

/// <summary>The hotline call an order is opened from: who rang and when (the order's received-at).</summary>
/// <param name="RangAtLocal">When it rang, on the department's clock (what the agent's wall clock said).</param>
public sealed record CallOrigin(string CallId, string? From, DateTimeOffset RangAt, DateTimeOffset RangAtLocal);

/// <summary>
/// From a logged call to its work order. The call's process ends at "request registered"; the order is opened by the
/// agent on the new-order page (customer and devices are chosen there), which carries the call id so the desk dates
/// the order from the call and opens one order per call. The order row keeps the call id: the call instance is not
/// written again, which would be a second transaction that could fail after the order was opened.
/// </summary>
public sealed class CallOrders(InstanceService instances, IOptions<AfterSalesOptions> options)
{
    /// <summary>
    /// Where the agent goes after completing <paramref name="done"/>: the new-order page for a logCall whose request
    /// type is an order type (repair, training, replacement, complaint), or null (a consultation, any other task).
    /// </summary>
    public static string? NewOrderUrl(TaskDetails done)
    {
        if (done.Task is not { DefinitionKey: HotlineProcess.Key, ElementId: HotlineProcess.LogTask, BusinessKey: { Length: > 0 } callId })
            return null;
        if (OrderType.Find(HotlineProcess.Variable(done.Variables, "requestType")) is not { } type) return null;
        var q = CustomerRules.NationalDigits(HotlineProcess.Variable(done.Variables, "from"));
        return $"/orders/new?callId={Uri.EscapeDataString(callId)}&type={type.Name}" + (q.Length > 0 ? $"&q={q}" : "");
    }

    /// <summary>The call with this id, or null when no such call rang.</summary>
    public async Task<CallOrigin?> FindAsync(string callId, CancellationToken ct)
    {
        if (await instances.FindAsync(options.Value.CallProcess, callId, ct) is not { } call) return null;
        var variables = await instances.VariablesAsync([call.Id], Caller.System, ct);
        var from = variables.TryGetValue(call.Id, out var vars) ? HotlineProcess.Variable(vars, "from") : null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        return new CallOrigin(callId, from, call.StartedAt, TimeZoneInfo.ConvertTime(call.StartedAt, zone));
    }
}
