using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// A hotline call from one of a customer's numbers: when it rang, from which number, where its process stands, what the
/// agent logged it as (<c>requestType</c>: consultation, repair, …) and the order it opened, if any; outside working time,
/// the mobile it was forwarded to (呼叫转移, <c>forwardedTo</c>).
/// </summary>
public sealed record CallView(string CallId, DateTimeOffset At, string Number, string Status, string? Outcome, string? OrderNumber,
    string? ForwardedTo = null);

/// <summary>
/// The customer's calls: instances of the hotline-call process (<see cref="AfterSalesOptions.CallProcess"/>) whose caller
/// number is one of the customer's contacts' phone or mobile numbers, compared as national digits
/// (<see cref="CustomerRules.NationalDigits"/>: the PBX's "+86 139 0571 2233" is the archive's 13905712233) through the
/// <c>fromDigits</c> variable the telephony events set; a call that rang before that variable existed is found by its
/// <c>from</c> exactly as recorded. The Runtime reads them by variable (<see cref="InstanceCatalog.WithVariableAsync"/>).
/// </summary>
public sealed class CustomerCalls(InstanceCatalog catalog, WorkflowDbFactory dbFactory, IOptions<AfterSalesOptions> options)
{
    /// <summary>The variable of the call process holding the caller's number.</summary>
    public const string CallerVariable = "from";

    /// <summary>The variable of the call process holding the caller's number as national digits.</summary>
    public const string CallerDigitsVariable = "fromDigits";

    /// <summary>Most calls a customer page lists.</summary>
    public const int Limit = 200;

    /// <summary>The calls from these contacts' numbers, newest first.</summary>
    public async Task<IReadOnlyList<CallView>> OfAsync(IEnumerable<ContactView> contacts, CancellationToken ct = default)
    {
        var numbers = contacts.SelectMany(c => new[] { c.Phone, c.Mobile }).OfType<string>().ToList();
        var national = numbers.Select(CustomerRules.NationalDigits).Where(d => d.Length > 0).Distinct().ToList();
        var calls = (await catalog.WithVariableAsync(options.Value.CallProcess, CallerDigitsVariable, national, Limit, ct))
            .Concat(await catalog.WithVariableAsync(options.Value.CallProcess, CallerVariable, numbers, Limit, ct))
            .DistinctBy(c => c.Instance.Id).OrderByDescending(c => c.Instance.StartedAt).Take(Limit).ToList();
        if (calls.Count == 0) return [];
        var callIds = calls.Select(c => c.Instance.BusinessKey).OfType<string>().ToList();
        Dictionary<string, string> orders;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
            orders = await a.Orders.AsNoTracking().Where(o => o.CallId != null && callIds.Contains(o.CallId))
                .ToDictionaryAsync(o => o.CallId!, o => o.Number, ct);
        return calls.Select(c => new CallView(c.Instance.BusinessKey ?? c.Instance.Id.ToString(), c.Instance.StartedAt,
                Text(c.Variables, CallerVariable) ?? "", c.Instance.Status, Text(c.Variables, "requestType"),
                c.Instance.BusinessKey is { } key ? orders.GetValueOrDefault(key) : null, Text(c.Variables, "forwardedTo")))
            .ToList();
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
