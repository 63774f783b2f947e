using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Api;

/// <summary>
/// The API's refusals as RFC 9457 problem details, worded in one place. A 400 always has the same
/// shape, whoever refuses (a handler checking its input, the runtime's <see cref="ValidationException"/>,
/// a value the framework could not bind): <c>title</c> "Invalid request", <c>detail</c>, and an
/// <c>errors</c> list naming each field, or BPMN element and line, and what was wrong with it.
/// </summary>
public static partial class Problems
{
    public const string InvalidTitle = "Invalid request";

    /// <summary>A 400 for one request field: <paramref name="message"/> is both the detail and the field's error.</summary>
    public static ProblemHttpResult Invalid(string field, string message, string code = "invalid") =>
        Invalid(message, [new ValidationError(message, field, code)]);

    /// <summary>A 400 naming several refused fields or elements.</summary>
    public static ProblemHttpResult Invalid(string detail, IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(InvalidDetails(detail, errors));

    public static InvalidRequestProblem InvalidDetails(string detail, IEnumerable<ValidationError> errors) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = InvalidTitle,
        Detail = detail,
        Errors = [.. errors.Select(RequestError.From)],
    };

    /// <summary>
    /// A request the framework could not read (<see cref="BadHttpRequestException"/>) as the 400 above:
    /// its message names the parameter ("Failed to bind parameter "int? skip" from "abc"."), which
    /// becomes the error's field; a JSON body that does not read is the field <c>body</c>.
    /// </summary>
    public static InvalidRequestProblem InvalidDetails(BadHttpRequestException unreadable)
    {
        var parameter = BoundParameter().Match(unreadable.Message);
        var field = !parameter.Success ? null
            : unreadable.Message.Contains("request body", StringComparison.Ordinal) ? "body"
            : parameter.Groups["name"].Value;
        return InvalidDetails(unreadable.Message, [new ValidationError(unreadable.Message, field, "format")]);
    }

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    [GeneratedRegex("""parameter "[^"]*?(?<name>\w+)" """, RegexOptions.ExplicitCapture)]
    private static partial Regex BoundParameter();
}

/// <summary>Every 400 of the API (<see cref="Problems.Invalid(string, string, string)"/>): what was wrong, field by field.</summary>
public sealed class InvalidRequestProblem : ProblemDetails
{
    public required IReadOnlyList<RequestError> Errors { get; init; }
}

/// <summary>One refused value: the request field, or the BPMN element and line, and what was wrong (only what is known is written).</summary>
public sealed record RequestError(string Message, string? Field, string? Code, string? ElementId, int? Line, string? Argument)
{
    public static RequestError From(ValidationError e) => new(e.Message, e.Field, e.Code, e.ElementId, e.Line, e.Argument);
}
