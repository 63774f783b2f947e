using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Instances;
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
    public static void MapBreachesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/breaches", BreachesAsync).WithTags("Breaches").RequireRole(Policies.LateWork)
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Recorded breaches of the service rules, newest first (managers, process owners, admins)");
    }

    private static async Task<Ok<List<BreachDto>>> BreachesAsync(InstanceService instances, Guid? instanceId, string? rule,
        int? skip, int? take, CancellationToken ct)
    {
        var list = await instances.BreachesAsync(instanceId, rule, skip ?? 0, take ?? 200, ct);
        return TypedResults.Ok(list.Select(b => new BreachDto(b.Rule, b.InstanceId, b.DefinitionKey, b.BusinessKey, b.ElementId,
            b.DueAt, b.DetectedAt, b.Responsible, b.ResponsibleGroup, b.ResponsibleNote)).ToList());
    }
}
