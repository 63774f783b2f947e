using WorkflowService.Web.Api;

namespace WorkflowService.Web;

/// <summary>
/// What a failed request gets back. Programs (<see cref="RequestKind.IsForPrograms"/>: the API,
/// the health check) get RFC 9457 problem details for every error: an exception
/// (<see cref="WorkflowExceptionHandler"/>) or a status without a body (an unknown route's 404, a
/// challenge's 401). People get the error page inside the layout, in their language: for an
/// exception, and for a status without a body when their browser navigates (a page's script gets
/// the bare status). Every exception is logged once, naming the request that failed.
/// </summary>
public static class ErrorHandling
{
    /// <summary>The error page (Pages/Error.cshtml), which re-executes the failed request as it came, whatever its method.</summary>
    public const string ErrorPage = "/error";

    public static IServiceCollection AddWorkflowErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<WorkflowExceptionHandler>();
        // A query value or JSON body that does not bind throws BadHttpRequestException (which says
        // which parameter) in every environment, rather than ending in an empty 400 outside Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseWorkflowErrorHandling(this IApplicationBuilder app)
    {
        app.UseWhen(http => RequestKind.IsForPrograms(http.Request.Path), programs =>
        {
            programs.UseExceptionHandler();
            programs.UseStatusCodePages();
        });
        app.UseWhen(http => !RequestKind.IsForPrograms(http.Request.Path), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = ErrorPage,
                // A refusal of the runtime that a page let through keeps its status (404, 403...).
                StatusCodeSelector = exception => ProblemMapping.Classify(exception).Status,
                // WorkflowExceptionHandler has logged it with the request; the middleware's own line names none.
                SuppressDiagnosticsCallback = _ => true,
            });
            pages.UseWhen(http => RequestKind.WantsHtml(http.Request), html => html.UseStatusCodePagesWithReExecute(ErrorPage));
        });
        return app;
    }
}
