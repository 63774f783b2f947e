using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Api;

/// <summary>
/// Turns the runtime's refusals into RFC 9457 problem details: 404, 409, 403, or 400 with an
/// <c>errors</c> list naming each field or BPMN element (and line) and what was wrong.
/// </summary>
public sealed class WorkflowExceptionHandler(IProblemDetailsService problems, ILogger<WorkflowExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not WorkflowRequestException refused) return false;
        var (status, title) = refused switch
        {
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            ValidationException => (StatusCodes.Status400BadRequest, "Invalid request"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        logger.LogInformation("{Method} {Path} refused with {Status}: {Message}", http.Request.Method, http.Request.Path, status,
            refused.Message);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = refused.Message };
        if (refused is ValidationException validation) problem.Extensions["errors"] = validation.Errors.Select(ToJson).ToList();
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, object> ToJson(ValidationError e)
    {
        var json = new Dictionary<string, object> { ["message"] = e.Message };
        if (e.Field is not null) json["field"] = e.Field;
        if (e.Code is not null) json["code"] = e.Code;
        if (e.ElementId is not null) json["elementId"] = e.ElementId;
        if (e.Line is not null) json["line"] = e.Line;
        if (e.Argument is not null) json["argument"] = e.Argument;
        return json;
    }
}
