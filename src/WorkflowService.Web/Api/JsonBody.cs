using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WorkflowService.Web.Api;

/// <summary>
/// A JSON body read by the handler itself, for anonymous endpoints. Bound as a parameter (or
/// declared with <c>Accepts</c>), a body of another content type would be refused by routing
/// before the handler runs, and, no endpoint having matched, with the /api bearer policy's 401
/// instead of a 415 that says what was wrong.
/// </summary>
internal static class JsonBody
{
    public static bool IsJson(HttpRequest request) => request.HasJsonContentType();

    public static ProblemHttpResult UnsupportedMediaType() =>
        Problems.UnsupportedMediaType("The body must be JSON (Content-Type: application/json)");

    /// <summary>
    /// Reads the body; JSON that does not fit <typeparamref name="T"/> is instead the 400 to answer,
    /// showing the expected <paramref name="shape"/>.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Unreadable)> ReadAsync<T>(HttpRequest request, string shape,
        CancellationToken ct)
    {
        try
        {
            return (await request.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException)
        {
            return (default, Problems.Invalid("body", $"The body must be a JSON object {shape}", "format"));
        }
    }

    /// <summary>Describes the body in the OpenAPI document, as <c>Accepts&lt;T&gt;()</c> would have.</summary>
    public static RouteHandlerBuilder DescribesJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), cancellationToken: ct) },
                },
            });
}
