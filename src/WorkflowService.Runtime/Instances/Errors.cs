namespace WorkflowService.Runtime.Instances;

/// <summary>
/// A request the runtime refuses, with what was wrong in user terms. Hosts map the kinds to
/// HTTP status codes (404, 409, 403, 400).
/// </summary>
public abstract class WorkflowRequestException(string message) : Exception(message)
{
    /// <summary>
    /// A stable name for what was refused (<c>last-admin</c>), for a page to word it in its reader's language; null where
    /// only the message says it. <see cref="ValidationException"/>'s errors carry their own codes.
    /// </summary>
    public string? Code { get; init; }

    /// <summary>The value the refusal names (a user name, who changed the row), for the page's wording beside <see cref="Code"/>.</summary>
    public string? Argument { get; init; }
}

public sealed class NotFoundException(string message) : WorkflowRequestException(message);

/// <summary>The request lost a race or no longer applies (task completed, claimed by someone else).</summary>
public sealed class ConflictException(string message) : WorkflowRequestException(message);

public sealed class ForbiddenException(string message) : WorkflowRequestException(message);

/// <summary>Input failed validation; <see cref="Errors"/> names each field or element and what is wrong.</summary>
public sealed class ValidationException(string message, IReadOnlyList<ValidationError> errors) : WorkflowRequestException(message)
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

/// <param name="Field">A form field id or request field; null for the whole request.</param>
/// <param name="ElementId">For BPMN errors: the element; <paramref name="Line"/> its line.</param>
public sealed record ValidationError(string Message, string? Field = null, string? Code = null, string? ElementId = null,
    int? Line = null, string? Argument = null);
