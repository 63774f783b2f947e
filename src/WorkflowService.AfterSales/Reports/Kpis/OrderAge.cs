namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>
/// The age buckets of the open orders: calendar days (not working days) from the order's receipt to the end of the
/// period (or now, for a period that has not ended), each bucket from its lower bound inclusive to its upper exclusive.
/// </summary>
public static class OrderAge
{
    public const string UnderOneDay = "under-1d", OneToThree = "1-3d", ThreeToSeven = "3-7d", OverSeven = "7d-plus";

    public static readonly IReadOnlyList<string> Buckets = [UnderOneDay, OneToThree, ThreeToSeven, OverSeven];

    public static string Of(TimeSpan age) => age.TotalDays switch
    {
        < 1 => UnderOneDay,
        < 3 => OneToThree,
        < 7 => ThreeToSeven,
        _ => OverSeven,
    };
}
