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

    public static ProblemDetails InvalidDetails(string detail, IEnumerable<ValidationError> errors) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = InvalidTitle,
        Detail = detail,
        Extensions = { ["errors"] = errors.Select(ToJson).ToList() },
    };

    /// <summary>
    /// A request the framework could not read (<see cref="BadHttpRequestException"/>) as the 400 above:
    /// its message names the parameter ("Failed to bind parameter "int? skip" from "abc"."), which
    /// becomes the error's field; a JSON body that does not read is the field <c>body</c>.
    /// </summary>
    public static ProblemDetails InvalidDetails(BadHttpRequestException unreadable)
    {
        var parameter = BoundParameter().Match(unreadable.Message);
        var field = !parameter.Success ? null
            : unreadable.Message.Contains("request body", StringComparison.Ordinal) ? "body"
            : parameter.Groups["name"].Value;
        return InvalidDetails(unreadable.Message, [new ValidationError(unreadable.Message, field, "format")]);
    }

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    /// <summary>One finding as the <c>errors</c> list shows it: only what is known (field, code, element, line).</summary>
    public static Dictionary<string, object> ToJson(ValidationError e)
    {
        var json = new Dictionary<string, object> { ["message"] = e.Message };
        if (e.Field is not null) json["field"] = e.Field;
        if (e.Code is not null) json["code"] = e.Code;
        if (e.ElementId is not null) json["elementId"] = e.ElementId;
        if (e.Line is not null) json["line"] = e.Line;
        if (e.Argument is not null) json["argument"] = e.Argument;
        return json;
    }

    [GeneratedRegex("""parameter "[^"]*?(?<name>\w+)" """, RegexOptions.ExplicitCapture)]
    private static partial Regex BoundParameter();
}
