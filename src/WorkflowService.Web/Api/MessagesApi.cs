using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Messages;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record MessageRequestDto(string? Name, string? BusinessKey, Guid? InstanceId,
    Dictionary<string, JsonElement>? CorrelationKeys, Dictionary<string, JsonElement>? Variables);

public sealed record BreachDto(string Rule, Guid InstanceId, string DefinitionKey, string? BusinessKey, string ElementId,
    DateTimeOffset DueAt, DateTimeOffset DetectedAt, string? Responsible);

public static class MessagesApi
{
    public static void MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", CorrelateAsync).WithTags("Messages").RequireAuthorization(Policies.Staff)
            .WithSummary("Delivers a message to the instance waiting for it (404 when nothing waits)");
        app.MapGet("/api/breaches", BreachesAsync).WithTags("Breaches").RequireAuthorization(Policies.Supervisor)
            .WithSummary("Recorded breaches of the service rules, newest first (managers, process owners, admins)");
    }

    private static async Task<Ok<MessageResult>> CorrelateAsync(MessageRequestDto request, MessageCorrelator messages,
        CallerFactory callers, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new ValidationException("name is required", [new ValidationError("name is required", "name", "required")]);
        var result = await messages.CorrelateAsync(new MessageRequest(request.Name, request.BusinessKey, request.InstanceId,
            request.CorrelationKeys, request.Variables, Caller: await callers.GetAsync(http.User, ct)), ct);
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<List<BreachDto>>> BreachesAsync(InstanceService instances, Guid? instanceId, string? rule,
        int? skip, int? take, CancellationToken ct)
    {
        var list = await instances.BreachesAsync(instanceId, rule, skip ?? 0, take ?? 200, ct);
        return TypedResults.Ok(list.Select(b => new BreachDto(b.Rule, b.InstanceId, b.DefinitionKey, b.BusinessKey, b.ElementId,
            b.DueAt, b.DetectedAt, b.Responsible)).ToList());
    }
}
