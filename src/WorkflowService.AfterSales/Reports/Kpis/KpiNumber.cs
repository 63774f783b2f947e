namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// A number of the dashboard whose cases can be listed (/reports/cases?number=…): a name, and for the numbers of a
/// distribution its value after a colon — <c>satisfaction:4</c>, <c>cause:fees</c>, <c>age:3-7d</c>,
/// <c>rule:repair-turnaround</c>, <c>person:wang</c>. The README's "Reports: what each number means" defines each.
/// </summary>
public sealed record KpiNumber(string Name, string? Value)
{
    public const string Calls = "calls", CallsInTime = "calls-in-time", MissedCalls = "missed-calls";
    public const string Requests = "requests", AcceptedOnTime = "accepted-on-time", AcceptedLate = "accepted-late";
    public const string Repairs = "repairs", RepairsOnTime = "repairs-on-time", FirstTimeFixes = "first-time-fixes";
    public const string FollowUps = "follow-ups", FollowUpsOnTime = "follow-ups-on-time";
    public const string Slips = "slips", SlipsOnTime = "slips-on-time";
    public const string Complaints = "complaints";
    public const string Satisfaction = "satisfaction", Cause = "cause", Age = "age", Rule = "rule", Person = "person";

    /// <summary>The numbers without a value.</summary>
    public static readonly IReadOnlyList<string> Plain =
    [
        Calls, CallsInTime, MissedCalls, Requests, AcceptedOnTime, AcceptedLate, Repairs, RepairsOnTime, FirstTimeFixes,
        FollowUps, FollowUpsOnTime, Slips, SlipsOnTime, Complaints, Satisfaction,
    ];

    /// <summary>The numbers that need a value (<c>satisfaction</c> takes one or none: without, every answered follow-up).</summary>
    public static readonly IReadOnlyList<string> WithValue = [Satisfaction, Cause, Age, Rule, Person];

    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";

    /// <summary>Reads <c>name</c> or <c>name:value</c>; null when the name is unknown or its value missing or out of range.</summary>
    public static KpiNumber? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? text : text[..colon]).Trim();
        var value = colon < 0 ? null : text[(colon + 1)..].Trim();
        if (value is null) return Plain.Contains(name) ? new KpiNumber(name, null) : null;
        if (!WithValue.Contains(name) || value.Length == 0) return null;
        return name switch
        {
            Satisfaction when value is not ("1" or "2" or "3" or "4" or "5") => null,
            Cause when !ComplaintCauses.Keys.Contains(value) => null,
            Age when !OrderAge.Buckets.Contains(value) => null,
            _ => new KpiNumber(name, value),
        };
    }
}
