using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace WorkflowService.Web;

/// <summary>
/// Health for load balancers and orchestrators, anonymous. <c>/healthz/live</c> (liveness): the process answers
/// requests; it runs no check, so probing it often costs nothing and a busy or unreachable database does not get a
/// healthy node restarted. <c>/healthz/ready</c> (readiness): the checks tagged <see cref="Ready"/> pass — the database
/// answers —, so the node may be sent traffic. <c>/healthz</c> stays what it was, the readiness check, for monitors
/// that already probe it.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }
}
