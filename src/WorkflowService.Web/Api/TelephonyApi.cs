using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
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
            // Not .Accepts<TelephonyEvent>(): routing would answer a body of another type itself, before
            // the secret is checked (and as no endpoint matched, with the bearer policy's 401).
            .AddOpenApiOperationTransformer(DescribeBodyAsync)
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .WithSummary("PBX webhook: ringing starts a hotline call (once per callId), answered completes answerCall, " +
                         "ended before an answer records a missed call. Authenticated only by the X-Telephony-Secret header.");
    }

    private static async Task<Results<Created<TelephonyResult>, Ok<TelephonyResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, TelephonyGate gate, TelephonyService telephony, CancellationToken ct)
    {
        if (!gate.Admits(request.Headers[TelephonyGate.Header]))
            return TypedResults.Problem($"The {TelephonyGate.Header} header is missing or wrong", statusCode: 401, title: "Unauthorized");
        if (!request.HasJsonContentType())
            return TypedResults.Problem("The body must be JSON (Content-Type: application/json)", statusCode: 415,
                title: "Unsupported Media Type");
        var result = await telephony.HandleAsync(await ReadAsync(request, ct), "pbx", ct);
        return result.Outcome == TelephonyResult.Started
            ? TypedResults.Created($"/api/instances/{result.InstanceId}", result)
            : TypedResults.Ok(result);
    }

    /// <summary>Reads the body after the secret check, so a stranger learns nothing about what would be accepted.</summary>
    private static async Task<TelephonyEvent> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFromJsonAsync<TelephonyEvent>(ct) ?? new TelephonyEvent(null, null, null, null, null);
        }
        catch (JsonException)
        {
            const string message = "The body must be a JSON object {\"callId\", \"event\", \"from\", \"to\", \"at\"} of strings";
            throw new ValidationException(message, [new ValidationError(message, "body", "format")]);
        }
    }

    /// <summary>Puts the body that <see cref="ReadAsync"/> reads into the OpenAPI document, as Accepts() would have.</summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TelephonyEvent), cancellationToken: ct) },
            },
        };
}
