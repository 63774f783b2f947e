using Microsoft.Extensions.Options;

namespace WorkflowService.AfterSales;

/// <summary><c>AfterSales:*</c>: the department's records.</summary>
public sealed class AfterSalesOptions
{
    public const string Section = "AfterSales";

    /// <summary>
    /// The department's time zone: its days number the orders and decide whether a warranty still runs.
    /// Not set: <c>App:TimeZone</c> (<see cref="FallBackTo"/>), the zone every page and email shows.
    /// </summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Takes <c>App:TimeZone</c> when <c>AfterSales:TimeZone</c> is not set (bound options, post-configured).</summary>
    public void FallBackTo(Runtime.Configuration.AppOptions app)
    {
        if (string.IsNullOrWhiteSpace(TimeZone)) TimeZone = app.TimeZone;
    }

    /// <summary>The process of a hotline call (its business key is the PBX's call id; its variable <c>from</c> the caller's number).</summary>
    public string CallProcess { get; set; } = "hotline-call";

    /// <summary>How many days before its due date a customer's revisit is put in the agents' inbox.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 90)]
    public int RevisitLeadDays { get; set; } = 14;

    /// <summary>The largest repair slip (photo, scan or signature) accepted, in bytes.</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 100 * 1024 * 1024)]
    public long SlipMaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>The department's calendar day of an instant (<see cref="AfterSalesOptions.TimeZone"/>).</summary>
public sealed class DepartmentDay(TimeProvider clock, IOptions<AfterSalesOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today => Of(clock.GetUtcNow());

    public TimeZoneInfo Zone => _zone;

    public DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);

    /// <summary>
    /// The instant the department's <paramref name="date"/> begins; the first or last instant there is for a day at the
    /// calendar's very edge that begins outside it (0001-01-01 east of UTC), so a period asked for with such a bound is
    /// "from the beginning" or "to the end", not an error.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = _zone.GetUtcOffset(midnight);
        var utcTicks = midnight.Ticks - offset.Ticks;
        if (utcTicks < DateTimeOffset.MinValue.Ticks) return DateTimeOffset.MinValue;
        if (utcTicks > DateTimeOffset.MaxValue.Ticks) return DateTimeOffset.MaxValue;
        return new DateTimeOffset(midnight, offset);
    }

    /// <summary>The instant the day after <paramref name="date"/> begins: where a period ending with that day ends.</summary>
    public DateTimeOffset EndOf(DateOnly date) => date == DateOnly.MaxValue ? DateTimeOffset.MaxValue : StartOf(date.AddDays(1));
}
