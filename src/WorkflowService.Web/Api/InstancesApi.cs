using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record StartInstanceRequest(string? DefinitionKey, string? BusinessKey, Dictionary<string, JsonElement>? Variables);

public sealed record StartedInstance(Guid Id, string Status, int Version);

public sealed record IncidentView(int Id, string ElementId, string Message, DateTimeOffset At);

public sealed record InstanceDetails(
    Guid Id,
    string DefinitionKey,
    int Version,
    string Status,
    string? BusinessKey,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyList<string> ActiveElementIds,
    IReadOnlyList<PendingTimerView> PendingTimers,
    IReadOnlyList<IncidentView> Incidents,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? StartedBy);

public sealed record InstanceSummary(Guid Id, string DefinitionKey, int Version, string Status, string? BusinessKey,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int OpenIncidents);

public sealed record HistoryEntry(string ElementId, string? ElementName, string Event, DateTimeOffset At, string? By, string? Detail);

public sealed record CancelRequest(string? Reason);

public sealed record RetryRequest(Dictionary<string, JsonElement>? Variables);

public static class InstancesApi
{
    public static void MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instances").WithTags("Instances").RequireSignedIn();
        // 403: the process names who may start it; 404: no such process is deployed.
        api.MapPost("/", StartAsync).ReadsJson().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithSummary("Starts an instance of the latest version of a process");
        api.MapGet("/", ListAsync).Refuses(StatusCodes.Status400BadRequest).WithSummary("Instances, newest first, by process and status");
        api.MapGet("/{id:guid}", GetAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("An instance: status, variables, where its tokens are, timers, incidents");
        api.MapGet("/{id:guid}/history", HistoryAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("What happened in an instance, in order");
        api.MapPost("/{id:guid}/cancel", CancelAsync).RequireRole(Policies.Supervisor).ReadsJson()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Cancels an instance (managers, process owners, admins); 409 when it has ended");
        api.MapPost("/{id:guid}/incidents/{incidentId:int}/retry", RetryAsync).RequireRole(Policies.Supervisor).ReadsJson()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Runs the element of an incident again, optionally after setting variables");
    }

    private static async Task<Results<Created<StartedInstance>, ProblemHttpResult>> StartAsync(StartInstanceRequest request,
        InstanceService instances, SignedInCaller caller, ClaimsPrincipal user, IAuthorizationService authorization, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
            return Problems.Invalid("definitionKey", "definitionKey is required", "required");
        // A work order's process runs on the order's facts (customer, warranty, when it was received): the order desk opens it
        // (POST /api/orders, policy desk). Here too only the desk's roles may start one, or anyone signed in could open work,
        // and breaches charged to the desk, on facts of their own making.
        if (OrderType.All.Any(t => string.Equals(t.ProcessKey, request.DefinitionKey.Trim(), StringComparison.Ordinal))
            && !(await authorization.AuthorizeAsync(user, Policies.Desk)).Succeeded)
            return Problems.Forbidden($"Process '{request.DefinitionKey.Trim()}' is a work order's: the service desk opens it (POST /api/orders)");
        var outcome = await instances.StartAsync(request.DefinitionKey, request.BusinessKey, request.Variables, caller, ct);
        var body = new StartedInstance(outcome.Instance.Id, outcome.Instance.Status, outcome.Instance.DefinitionVersion);
        return TypedResults.Created($"/api/instances/{body.Id}", body);
    }

    private static async Task<Ok<List<InstanceSummary>>> ListAsync(InstanceService instances, SignedInCaller caller,
        string? definitionKey, string? status, int? skip, int? take, CancellationToken ct)
    {
        var list = await instances.ListAsync(definitionKey, status, skip ?? 0, take ?? 100, caller, ct);
        return TypedResults.Ok(list.Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.Status,
            i.BusinessKey, i.StartedAt, i.EndedAt, i.OpenIncidents)).ToList());
    }

    private static async Task<Ok<InstanceDetails>> GetAsync(Guid id, InstanceService instances, SignedInCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(ToDetails(await instances.GetAsync(id, caller, ct)));

    internal static InstanceDetails ToDetails(InstanceView view)
    {
        var r = view.Instance;
        return new InstanceDetails(r.Id, r.DefinitionKey, r.DefinitionVersion, r.Status, r.BusinessKey, view.State.Variables,
            view.ActiveElementIds, view.PendingTimers,
            view.State.Incidents.Select(i => new IncidentView(i.Id, i.ElementId, i.Message, i.At)).ToList(),
            r.StartedAt, r.EndedAt, r.StartedBy);
    }

    private static async Task<Ok<List<HistoryEntry>>> HistoryAsync(Guid id, InstanceService instances, SignedInCaller caller,
        CancellationToken ct)
    {
        var history = await instances.HistoryAsync(id, caller, ct);
        return TypedResults.Ok(history.Select(h => new HistoryEntry(h.ElementId, h.ElementName, h.Event, h.At, h.By, h.Detail)).ToList());
    }

    private static async Task<Ok<InstanceDetails>> CancelAsync(Guid id, CancelRequest? request, InstanceService instances,
        HttpContext http, CancellationToken ct)
    {
        await instances.CancelAsync(id, http.User.UserName(), request?.Reason, ct);
        return TypedResults.Ok(ToDetails(await instances.GetAsync(id, Caller.System, ct)));
    }

    private static async Task<Ok<InstanceDetails>> RetryAsync(Guid id, int incidentId, RetryRequest? request,
        InstanceService instances, HttpContext http, CancellationToken ct)
    {
        await instances.RetryIncidentAsync(id, incidentId, request?.Variables, http.User.UserName(), ct);
        return TypedResults.Ok(ToDetails(await instances.GetAsync(id, Caller.System, ct)));
    }
}
