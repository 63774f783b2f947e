using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// What an endpoint may answer besides success, declared for the OpenAPI document (every refusal is
/// <c>application/problem+json</c>). Runtime refusals are thrown deep in the services and turned into
/// problem details by <see cref="WorkflowExceptionHandler"/>, so the handlers' return types cannot say
/// them: each endpoint states them here (a 400 with its <c>errors</c> list, <see cref="InvalidRequestProblem"/>), and the OpenAPI test holds each list to what the endpoint can do.
/// </summary>
internal static class ApiResponses
{
    /// <summary>
    /// Any signed-in user (the staff policy): 401 without a valid bearer token; 403 while the caller must first change
    /// the password an admin set (<see cref="AccessGate"/>).
    /// </summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Policies.Staff).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>Any signed-in user, even one who must change their password first (the change itself, revoking a token): 401 only.</summary>
    public static TBuilder RequireSignedInBeforePasswordChange<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Policies.Staff).Refuses(StatusCodes.Status401Unauthorized);

    /// <summary>A role policy: 401 without a valid bearer token, 403 for a user without one of its roles.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder endpoint, string policy) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>A JSON body bound by the framework: 400 when it does not read, 415 when it is not JSON.</summary>
    public static RouteHandlerBuilder ReadsJson(this RouteHandlerBuilder endpoint) =>
        endpoint.Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Declares problem-details answers with these statuses.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder endpoint, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            var body = status == StatusCodes.Status400BadRequest ? typeof(InvalidRequestProblem) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, body, ["application/problem+json"]));
        }
        return endpoint;
    }
}
