namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>A breach shown beside a case: the rule, when it was detected, who was charged (null: no one).</summary>
public sealed record CaseBreach(string Rule, DateTimeOffset DetectedAt, string? Responsible);

/// <summary>
/// One case a dashboard number counted: its instance, the work order when the case is one (calls are not), the instant
/// the number counted it at, and the breaches that make it late (of the number's rule, or all of the instance's for a
/// number without one; the one breach itself for a breach number).
/// </summary>
public sealed record KpiCase(
    Guid InstanceId, string DefinitionKey, string? BusinessKey, DateTimeOffset At,
    string? OrderNumber, string? OrderType, string? Customer, IReadOnlyList<CaseBreach> Breaches)
{
    public bool Late => Breaches.Count > 0;
}

/// <summary>The cases of one number in a period; <see cref="Count"/> is the number the dashboard shows.</summary>
public sealed record KpiCaseList(string Number, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KpiCase> Cases)
{
    public int Count => Cases.Count;
}
