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

    /// <summary>The instant the department's <paramref name="date"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }
}
