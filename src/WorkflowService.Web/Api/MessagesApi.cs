using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Messages;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record MessageRequestDto(string? Name, string? BusinessKey, Guid? InstanceId,
    Dictionary<string, JsonElement>? CorrelationKeys, Dictionary<string, JsonElement>? Variables);

public static class MessagesApi
{
    public static void MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // 403: a message that starts a process the caller may not start; 409: another sender took it first, or it no longer applies.
        app.MapPost("/api/messages", CorrelateAsync).WithTags("Messages").RequireSignedIn().ReadsJson()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Delivers a message to the instance waiting for it (404 when nothing waits)");
    }

    private static async Task<Results<Ok<MessageResult>, ProblemHttpResult>> CorrelateAsync(MessageRequestDto request,
        MessageCorrelator messages, SignedInCaller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) return Problems.Invalid("name", "name is required", "required");
        var result = await messages.CorrelateAsync(new MessageRequest(request.Name, request.BusinessKey, request.InstanceId,
            request.CorrelationKeys, request.Variables, Caller: caller), ct);
        return TypedResults.Ok(result);
    }
}
