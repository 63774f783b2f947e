using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Api;

public static class ProblemMapping
{
    /// <summary>
    /// The status and title an exception answers with: the runtime's refusals 404, 409, 403 or 400;
    /// a request the server could not read (<see cref="BadHttpRequestException"/>: a value or body
    /// that does not bind, a body too large or not JSON) its own 400, 413, 415...; anything else 500.
    /// </summary>
    public static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
        ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
        WorkflowRequestException => (StatusCodes.Status400BadRequest, "Invalid request"),
        BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode)),
        _ => (StatusCodes.Status500InternalServerError, "Internal server error"),
    };
}

/// <summary>
/// Logs every exception of a request once, naming the request as it came (the error page's
/// re-execution has changed the path by now), and answers the API's with RFC 9457 problem details
/// (<see cref="ProblemMapping.Classify"/>): a refusal with its message; a <see cref="ValidationException"/>
/// and a value or body that could not be read as every 400 of the API (<see cref="Problems.Invalid(string, string, string)"/>);
/// another request that could not be read (413, 415...) with what was wrong with it; a bug
/// with a bare 500 whose details stay in the log. Pages get the error page instead (<see cref="ErrorHandling"/>).
/// </summary>
public sealed class WorkflowExceptionHandler(IProblemDetailsService problems, ILogger<WorkflowExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failed
            ? new PathString(failed.Path)
            : httpContext.Request.Path;
        var (status, title) = ProblemMapping.Classify(exception);
        if (status >= StatusCodes.Status500InternalServerError)
            logger.RequestFailed(exception, httpContext.Request.Method, path);
        else
            logger.RequestRefused(httpContext.Request.Method, path, status, exception.Message);
        if (!RequestKind.IsForPrograms(path)) return false;

        httpContext.Response.StatusCode = status;
        var problem = exception switch
        {
            ValidationException validation => Problems.InvalidDetails(validation.Message, validation.Errors),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } unreadable => Problems.InvalidDetails(unreadable),
            _ => new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = status >= StatusCodes.Status500InternalServerError
                    ? "The request could not be completed; the error was logged (see traceId)."
                    : exception.Message,
            },
        };
        // A refusal that names itself (ConflictException's last-admin, roster-changed...) says so to programs too.
        if (exception is WorkflowRequestException { Code: { } code } named and not ValidationException)
        {
            problem.Extensions["code"] = code;
            if (named.Argument is { } argument) problem.Extensions["argument"] = argument;
        }
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        // Handled even when the caller accepts no JSON: it still gets the status, and never a page.
        return true;
    }
}
