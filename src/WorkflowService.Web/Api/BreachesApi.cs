using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Export;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Sheets;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>A recorded breach and who is charged with it.</summary>
/// <param name="Responsible">The person charged (a user name), or null when no one held the late work.</param>
/// <param name="ResponsibleGroup">The group(s) charged, comma-separated, or null.</param>
/// <param name="ResponsibleNote">Why the process's own <c>responsible</c> property named nobody, when its expression failed.</param>
public sealed record BreachDto(string Rule, Guid InstanceId, string DefinitionKey, string? BusinessKey, string ElementId,
    DateTimeOffset DueAt, DateTimeOffset DetectedAt, string? Responsible, string? ResponsibleGroup, string? ResponsibleNote);

public static class BreachesApi
{
    /// <summary>The most rows a workbook of breaches holds.</summary>
    public const int WorkbookRows = 100_000;

    private static readonly (string Zh, string En)[] Headers =
    [
        ("规则", "Rule"), ("流程", "Process"), ("环节", "Element"), ("业务键", "Business key"), ("到期时间", "Due"),
        ("发现时间", "Detected"), ("责任人", "Responsible"), ("责任组", "Responsible group"),
    ];

    public static void MapBreachesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/breaches", BreachesAsync).WithTags("Breaches").RequireRole(Policies.LateWork)
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Recorded breaches of the service rules, newest first; from/to (dates, to inclusive, or ISO instants) bound when " +
                         "they were detected, person the user charged (— for no one) (managers, process owners, admins)");
        app.MapGet("/api/breaches.xlsx", WorkbookAsync).WithTags("Breaches").RequireRole(Policies.LateWork)
            .Refuses(StatusCodes.Status400BadRequest).ProducesWorkbook()
            .WithSummary("The breaches list with the same filters as an .xlsx workbook, with Chinese headers in zh-CN");
    }

    private static async Task<Results<Ok<List<BreachDto>>, ProblemHttpResult>> BreachesAsync(BreachList breaches, DepartmentDay days,
        Guid? instanceId, string? rule, string? from, string? to, string? person, int? skip, int? take, CancellationToken ct)
    {
        var (filter, refusal) = Filter(instanceId, rule, from, to, person, days);
        if (refusal is not null) return refusal;
        var list = await breaches.ListAsync(filter!, skip ?? 0, Math.Clamp(take ?? 200, 1, 1000), ct);
        return TypedResults.Ok(list.Select(b => new BreachDto(b.Rule, b.InstanceId, b.DefinitionKey, b.BusinessKey, b.ElementId,
            b.DueAt, b.DetectedAt, b.Responsible, b.ResponsibleGroup, b.ResponsibleNote)).ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(BreachList breaches, DepartmentDay days,
        TimeProvider clock, Guid? instanceId, string? rule, string? from, string? to, string? person, CancellationToken ct)
    {
        var (filter, refusal) = Filter(instanceId, rule, from, to, person, days);
        if (refusal is not null) return refusal;
        return SheetFiles.Workbook(await SheetAsync(breaches, filter!, days, ct), "breaches", clock);
    }

    /// <summary>The breaches of a filter as a workbook in the reader's language (the API's download and the page's button).</summary>
    internal static async Task<byte[]> SheetAsync(BreachList breaches, BreachFilter filter, DepartmentDay days, CancellationToken ct)
    {
        var list = await breaches.ListAsync(filter, 0, WorkbookRows, ct);
        var zh = ListSheet.IsChinese(CultureInfo.CurrentUICulture);
        string Time(DateTimeOffset at) => ReportsApi.LocalTime(at, days);
        return SheetWriter.Write(Headers.Select(h => zh ? h.Zh : h.En).ToList(), list.Select(b => (IReadOnlyList<object?>)
            [b.Rule, b.DefinitionKey, b.ElementId, b.BusinessKey, Time(b.DueAt), Time(b.DetectedAt), b.Responsible ?? "—", b.ResponsibleGroup]));
    }

    /// <summary>The list's filter; either bound of the period may be missing (then the list is open on that side).</summary>
    internal static (BreachFilter? Filter, ProblemHttpResult? Refusal) Filter(Guid? instanceId, string? rule, string? from, string? to,
        string? person, DepartmentDay days)
    {
        DateTimeOffset? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from) && (start = KpiPeriod.ReadBound(from, days, endOfDay: false)) is null)
            return (null, Problems.Invalid("from", $"from '{from}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant with an offset", "format"));
        if (!string.IsNullOrWhiteSpace(to) && (end = KpiPeriod.ReadBound(to, days, endOfDay: true)) is null)
            return (null, Problems.Invalid("to", $"to '{to}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant with an offset", "format"));
        if (start is { } s && end is { } e && e <= s)
            return (null, Problems.Invalid("to", $"to ({e:O}) must come after from ({s:O})", "format"));
        return (new BreachFilter(instanceId, rule, start, end, string.IsNullOrWhiteSpace(person) ? null : person.Trim()), null);
    }
}
