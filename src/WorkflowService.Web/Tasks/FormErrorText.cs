using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Tasks;

/// <summary>
/// A refused form value in the user's language (texts in Localization/forms.json), built from the
/// runtime's stable error code, the field's label and the bound; the runtime's English message is
/// only the fallback for a code this page does not know.
/// </summary>
public static class FormErrorText
{
    public static readonly string[] Codes = ["required", "type", "min", "max", "minlength", "maxlength", "enum", "unknown", "not-member"];

    public static string Describe(T t, FormField? field, ValidationError error)
    {
        var key = KeyOf(field?.Type ?? FormFieldType.String, error.Code);
        if (key is null) return error.Message;
        var label = field is null || string.IsNullOrWhiteSpace(field.Label) ? error.Field ?? "" : field.Label;
        return t.Format(key, label, Argument(field, error));
    }

    /// <summary>The text key for a code; the wording of type errors and date bounds depends on the field type.</summary>
    public static string? KeyOf(FormFieldType type, string? code) => code switch
    {
        "type" => $"Form.Error.type.{type.ToString().ToLowerInvariant()}",
        "min" or "max" when type == FormFieldType.Date => $"Form.Error.{code}.date",
        "required" or "min" or "max" or "minlength" or "maxlength" or "enum" or "unknown" or "not-member" => $"Form.Error.{code}",
        _ => null,
    };

    /// <summary>Every key <see cref="KeyOf"/> can return: the localization test checks each has both languages.</summary>
    public static IEnumerable<string> AllKeys() =>
        Enum.GetValues<FormFieldType>().SelectMany(type => Codes.Select(code => KeyOf(type, code)!)).Distinct();

    /// <summary>For a choice the user sees option names, not the ids the runtime lists.</summary>
    private static string? Argument(FormField? field, ValidationError error) =>
        error.Code == "enum" && field is { Options.IsEmpty: false }
            ? string.Join(", ", field.Options.Select(o => o.Name))
            : error.Argument;
}
