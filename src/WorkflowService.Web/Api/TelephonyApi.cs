using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Hotline;

namespace WorkflowService.Web.Api;

public static class TelephonyApi
{
    public static void MapTelephonyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/telephony/events", HandleAsync).WithTags("Telephony")
            // The PBX has no user account and sends no bearer token: it is exempt from the /api bearer
            // policy here and proves itself with the shared secret, checked before anything else is read.
            .AllowAnonymous()
            // The body is read after the secret check (JsonBody): a stranger learns nothing about what would be accepted.
            .DescribesJsonBody<TelephonyEvent>()
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            // 404: answered or ended for a call that never rang.
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("PBX webhook: ringing starts a hotline call (once per callId), answered completes answerCall, " +
                         "ended before an answer records a missed call. Authenticated only by the X-Telephony-Secret header.");
    }

    private static async Task<Results<Created<TelephonyResult>, Ok<TelephonyResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, TelephonyGate gate, TelephonyService telephony, CancellationToken ct)
    {
        if (!gate.Admits(request.Headers[TelephonyGate.Header]))
            return Problems.Unauthorized($"The {TelephonyGate.Header} header is missing or wrong");
        if (!JsonBody.IsJson(request)) return JsonBody.UnsupportedMediaType();
        var (body, unreadable) = await JsonBody.ReadAsync<TelephonyEvent>(request,
            "{\"callId\", \"event\", \"from\", \"to\", \"at\"} of strings", ct);
        if (unreadable is not null) return unreadable;
        var result = await telephony.HandleAsync(body ?? new TelephonyEvent(null, null, null, null, null), SystemActors.Pbx, ct);
        return result.Outcome == TelephonyResult.Started
            ? TypedResults.Created($"/api/instances/{result.InstanceId}", result)
            : TypedResults.Ok(result);
    }
}
