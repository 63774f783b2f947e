using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// A bug on demand: any request under <see cref="PagePath"/> (a page) or <see cref="ApiPath"/> (the
/// API), of any method, throws as a faulty page or API handler would. The service has no such
/// route: this is added behind its whole pipeline, where requests that no endpoint took end up,
/// so the caller has passed sign-in and the service's own error handling catches the exception.
/// </summary>
public sealed class InjectedFailure : IStartupFilter
{
    public const string PagePath = "/test/failure";
    public const string ApiPath = "/api/test/failure";

    /// <summary>What the exception says: internals no caller may see.</summary>
    public static string Message(PathString path) => $"Injected failure at {path}: Password=not-for-callers";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((http, rest) => http.Request.Path.StartsWithSegments(PagePath) || http.Request.Path.StartsWithSegments(ApiPath)
            ? throw new InvalidOperationException(Message(http.Request.Path))
            : rest(http));
    };

    /// <summary>A path of its own for one test, so that its log lines are told apart from other tests'.</summary>
    public static string UniquePath(string root) => $"{root}/{Guid.NewGuid():N}";
}
