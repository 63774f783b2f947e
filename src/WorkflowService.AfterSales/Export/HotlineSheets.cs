using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using static WorkflowService.AfterSales.Export.ListSheet;

namespace WorkflowService.AfterSales.Export;

/// <summary>
/// The hotline's lists as workbooks: the duty roster (weekly shifts, then the dated changes) and the call log (the
/// calls of the hotline-call process that rang in the department's days from/to, from a number, newest first).
/// </summary>
public sealed class HotlineSheets(DutyRosterStore roster, InstanceService instances, WorkflowDbFactory dbFactory, DepartmentDay days,
    IOptions<AfterSalesOptions> options)
{
    /// <summary>The most instances one query of the runtime answers (its page size cap).</summary>
    private const int Batch = 500;

    private static readonly Bilingual[] RosterHeaders =
        [new("类型", "Kind"), new("星期/日期", "Day or date"), new("开始", "Start"), new("结束", "End"), new("值班客服", "Agents on duty")];

    private static readonly Bilingual[] CallHeaders =
    [
        new("来电时间", "Rang at"), new("来电号码", "From"), new("状态", "Status"), new("来电类型", "Request type"), new("服务单", "Order"),
        new("转接手机", "Forwarded to"), new("来电编号", "Call id"),
    ];

    private static readonly string[] ChineseDays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    private static readonly Dictionary<string, Bilingual> Statuses = new(StringComparer.Ordinal)
    {
        ["Running"] = new("进行中", "Running"), ["Completed"] = new("已完成", "Completed"), ["Cancelled"] = new("已取消", "Cancelled"),
        ["Failed"] = new("失败", "Failed"),
    };

    /// <summary>The roster as the roster page shows it: the week's shifts by day, then the dated changes by date.</summary>
    public async Task<byte[]> RosterAsync(CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var saved = await roster.GetAsync(ct);
        var weekly = saved.Weekly.OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Start).Select(s => (IReadOnlyList<object?>)
            [zh ? "每周" : "Weekly", zh ? ChineseDays[(int)s.Day] : s.Day.ToString(), Clock(s.Start), Clock(s.End), string.Join(", ", s.Agents)]);
        var changes = saved.Changes.OrderBy(c => c.Date).ThenBy(c => c.Start).Select(c => (IReadOnlyList<object?>)
            [zh ? "调班" : "Change", Date(c.Date), Clock(c.Start), Clock(c.End), string.Join(", ", c.Agents)]);
        return Write(new("值班表", "Duty roster"), RosterHeaders, weekly.Concat(changes), culture);
    }

    /// <summary>
    /// The calls that rang in the department's days <paramref name="from"/> to <paramref name="to"/> (each end optional)
    /// from a number containing <paramref name="number"/>'s digits, newest first, with the order each opened.
    /// </summary>
    public async Task<byte[]> CallsAsync(DateOnly? from, DateOnly? to, string? number, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var start = from is { } f ? days.StartOf(f) : (DateTimeOffset?)null;
        var end = to is { } t ? days.EndOf(t) : (DateTimeOffset?)null;
        var digits = number is { Length: > 0 } ? CustomerRules.NationalDigits(number) : "";
        var calls = new List<(InstanceHeader Call, string? From, IReadOnlyDictionary<string, JsonElement> Variables)>();
        // Newest first, page after page: calls after the last day are passed over, the first call before the first day ends the walk.
        for (var skip = 0; calls.Count < MaxRows; skip += Batch)
        {
            var page = await instances.ListAsync(options.Value.CallProcess, null, skip, Batch, Caller.System, ct);
            var inRange = page.Where(c => (end is null || c.StartedAt < end) && (start is null || c.StartedAt >= start)).ToList();
            var variables = await instances.VariablesAsync([.. inRange.Select(c => c.Id)], Caller.System, ct);
            foreach (var call in inRange)
            {
                var vars = variables.GetValueOrDefault(call.Id) ?? new Dictionary<string, JsonElement>();
                var caller = Text(vars, CustomerCalls.CallerVariable);
                if (digits.Length == 0 || CustomerRules.NationalDigits(caller).Contains(digits, StringComparison.Ordinal))
                    calls.Add((call, caller, vars));
            }
            if (page.Count < Batch || (start is not null && page[^1].StartedAt < start)) break;
        }
        if (calls.Count > MaxRows) calls = calls[..MaxRows];
        var callIds = calls.Select(c => c.Call.BusinessKey).OfType<string>().ToList();
        Dictionary<string, string> orders;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
            orders = await a.Orders.AsNoTracking().Where(o => o.CallId != null && callIds.Contains(o.CallId))
                .ToDictionaryAsync(o => o.CallId!, o => o.Number, ct);
        var rows = calls.Select(c => (IReadOnlyList<object?>)
        [
            Time(c.Call.StartedAt, days.Zone), c.From, Statuses.TryGetValue(c.Call.Status, out var s) ? s.In(zh) : c.Call.Status,
            CallRequestType.Name(Text(c.Variables, "requestType"), zh), c.Call.BusinessKey is { } key ? orders.GetValueOrDefault(key) : null,
            Text(c.Variables, "forwardedTo"), c.Call.BusinessKey,
        ]);
        return Write(new("来电记录", "Calls"), CallHeaders, rows, culture);
    }

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
