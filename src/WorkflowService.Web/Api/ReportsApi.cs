using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// The department's KPIs for a period (README "Reports: what each number means"). Each rate is the on-time count over
/// the count beside it, 0–1; a rate with no case in the period is null and written as such (not left out), as is the
/// satisfaction average with no answer.
/// </summary>
public sealed record KpisDto(
    DateTimeOffset From, DateTimeOffset To,
    int Calls, int CallsAnsweredInTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ThreeRingRate,
    int Requests, int AcceptedOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AcceptanceOnTimeRate,
    int Repairs, int RepairsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RepairOnTimeRate,
    int FollowUps, int FollowUpsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? FollowUpOnTimeRate,
    int Slips, int SlipsOnTime, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SatisfactionAverage,
    int Complaints, IReadOnlyDictionary<string, int> BreachesByRule)
{
    public static KpisDto Of(KpiFigures f) => new(f.From, f.To, f.Calls, f.CallsAnsweredInTime, f.ThreeRingRate,
        f.Requests, f.AcceptedOnTime, f.AcceptanceOnTimeRate, f.Repairs, f.RepairsOnTime, f.RepairOnTimeRate,
        f.FollowUps, f.FollowUpsOnTime, f.FollowUpOnTimeRate, f.Slips, f.SlipsOnTime, f.SatisfactionAverage,
        f.Complaints, f.BreachesByRule);
}

public static class ReportsApi
{
    /// <summary>Who reads the reports: the managers, the deputy manager (service desk), the general manager, admins.</summary>
    public static readonly string[] Readers = [Roles.Manager, Roles.DeputyManager, Roles.GeneralManager, Roles.Admin];

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/kpis", KpisAsync).WithTags("Reports")
            .RequireAuthorization(p => p.RequireRole(Readers)).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("The KPIs of a period: from and to are dates (yyyy-MM-dd, to inclusive) or ISO instants; default this month " +
                         "(managers, the deputy manager, the general manager, admins)");
        app.MapPeriodReportsApi();
    }

    private static async Task<Results<Ok<KpisDto>, ProblemHttpResult>> KpisAsync(KpiReport report, DepartmentDay days,
        string? from, string? to, CancellationToken ct)
    {
        var (period, field, error) = KpiPeriod.Parse(from, to, days);
        if (period is null) return Problems.Invalid(field!, error!, "format");
        return TypedResults.Ok(KpisDto.Of(await report.CountAsync(period, ct)));
    }
}
