using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowService.AfterSales.Hotline;

/// <summary>
/// Who a call ringing at <see cref="At"/> is for. <see cref="OnDuty"/> empty and <see cref="ForwardedTo"/> and
/// <see cref="CallBackAt"/> null: it rings for the whole hotline group (no roster kept, or nobody on duty in working time).
/// </summary>
/// <param name="CallBackAt">Outside working time: when the call-back opens, the start of the next working period.</param>
/// <param name="ForwardedTo">Outside working time: the roster's forwarding mobile (null when none is set).</param>
public sealed record DutyAt(DateTimeOffset At, bool RosterKept, bool WorkingTime, IReadOnlyList<string> OnDuty,
    string? ForwardedTo, DateTimeOffset? CallBackAt)
{
    public bool Forwarded => CallBackAt is not null;
}

/// <summary>
/// The duty roster read against the department's calendar. Agents on duty get the call, even outside working time
/// (an evening shift, a holiday with a dated change). Nobody on duty in working time: the whole group (a gap in the
/// roster must not leave a call unheard). Nobody on duty outside working time: the call is forwarded to the roster's
/// mobile and called back at the start of the next working period. No roster kept: every call rings for the whole group.
/// </summary>
public sealed class HotlineDuty(DutyRosterStore store, IDutyCalendarSource calendars, IOptions<AfterSalesOptions> options,
    ILogger<HotlineDuty> logger)
{
    /// <summary>Who a call ringing now (<paramref name="at"/>) is for; a gap in the roster in working time is logged.</summary>
    public async Task<DutyAt> ForCallAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var duty = await AtAsync(at, ct);
        if (duty is { RosterKept: true, WorkingTime: true, OnDuty.Count: 0 }) logger.NobodyOnDuty(at);
        return duty;
    }

    /// <summary>Who a call at <paramref name="at"/> would be for (the roster page, the API): nothing is logged.</summary>
    /// <remarks>Someone disabled since the roster was saved is not on duty: the call must not ring for nobody.</remarks>
    public async Task<DutyAt> AtAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var roster = await store.GetAsync(ct);
        var calendar = calendars.Department ?? AlwaysWorking.Of(options);
        var duty = Resolve(roster, calendar, at);
        if (duty.OnDuty.Count == 0) return duty;
        var enabled = await store.EnabledAsync([.. duty.OnDuty], ct);
        return enabled.Count == duty.OnDuty.Count ? duty : Resolve(roster, calendar, at, enabled.Contains);
    }

    /// <summary>Who a call ringing at <paramref name="at"/> is for, by <paramref name="roster"/> on <paramref name="calendar"/>.</summary>
    /// <param name="available">Who of the roster may take calls (all when null).</param>
    public static DutyAt Resolve(DutyRoster roster, IDutyCalendar calendar, DateTimeOffset at, Func<string, bool>? available = null)
    {
        if (roster.IsEmpty) return new DutyAt(at, false, true, [], null, null);
        var local = TimeZoneInfo.ConvertTime(at, calendar.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var onDuty = roster.OnDuty(date, TimeOnly.FromDateTime(local.DateTime), calendar.IsWorkingDay(date))
            .Where(available ?? (_ => true)).ToList();
        var working = calendar.IsWorkingTime(at);
        if (onDuty.Count > 0 || working) return new DutyAt(at, true, working, onDuty, null, null);
        return new DutyAt(at, true, false, [], roster.ForwardingMobile, calendar.NextWorkingMoment(at));
    }
}

internal static partial class HotlineDutyLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Nobody is on hotline duty at {At} in working time: the call rings for the whole hotline group")]
    public static partial void NobodyOnDuty(this ILogger logger, DateTimeOffset at);
}
