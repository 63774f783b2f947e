using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Forms;

/// <summary>One refused field: <paramref name="Code"/> is stable for translation, the message is English.</summary>
public sealed record FieldError(string FieldId, string Code, string Message, string? Argument = null);

public sealed record FormSubmission(ImmutableDictionary<string, JsonElement> Values, ImmutableArray<FieldError> Errors)
{
    public bool IsValid => Errors.IsEmpty;
}

/// <summary>STUB: replaced by the forms implementation.</summary>
public static class FormValidator
{
    public static FormSubmission Validate(ImmutableArray<FormField> fields, IReadOnlyDictionary<string, JsonElement> submitted) =>
        throw new NotImplementedException();
}
