using System.Globalization;
using System.Text.Json;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Tasks;

/// <summary>One input of a task form: the BPMN declaration, the text to show and the errors to show next to it.</summary>
/// <param name="People">For a person field, whom one may choose (a select instead of a text box).</param>
public sealed record FormInput(FormField Field, string Value, IReadOnlyList<string> Errors, IReadOnlyList<PersonChoice>? People = null)
{
    public string Label => string.IsNullOrWhiteSpace(Field.Label) ? Field.Id : Field.Label;

    /// <summary>The posted name; prefixed so that a field called "handler" cannot clash with the page's own keys.</summary>
    public string Name => TaskForm.Prefix + Field.Id;

    public string ElementId => "field-" + Field.Id;

    /// <summary>Long fields take their numeric bounds as HTML min/max; date fields only when the bound is a plain ISO date.</summary>
    public string? Min => Bound(Field.Min);
    public string? Max => Bound(Field.Max);

    private string? Bound(string? text) => Field.Type switch
    {
        FormFieldType.Long when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
            n.ToString(CultureInfo.InvariantCulture),
        FormFieldType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
            d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Long texts get a text area: a fault description does not fit on one line.</summary>
    public bool IsLongText => Field.Type == FormFieldType.String && Field.MaxLength is > 200;
}

/// <summary>
/// Between the HTML form and <see cref="TaskService.CompleteAsync"/>: the values go to the runtime
/// as strings, exactly as typed (the runtime converts and validates them), and come back
/// unchanged into the inputs when it refuses them, so nothing typed is lost.
/// </summary>
public static class TaskForm
{
    public const string Prefix = "form.";

    /// <summary>The posted form fields, without the prefix; empty strings included (they mean "not answered").</summary>
    public static Dictionary<string, string> Posted(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal) && k.Length > Prefix.Length)
            .ToDictionary(k => k[Prefix.Length..], k => form[k].ToString(), StringComparer.Ordinal);

    public static Dictionary<string, JsonElement> Submission(IReadOnlyDictionary<string, string> posted) =>
        posted.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal);

    /// <summary>
    /// The inputs to render: the posted text when the user submitted (kept even when refused),
    /// otherwise the current or default value; read-only fields always show the stored value.
    /// </summary>
    public static IReadOnlyList<FormInput> Inputs(IReadOnlyList<FormFieldView> fields, IReadOnlyDictionary<string, string>? posted,
        IReadOnlyList<ValidationError> errors, Func<FormField, ValidationError, string> describe) =>
        [.. fields.Select(f => new FormInput(f.Field,
            !f.Field.Readonly && posted is not null && posted.TryGetValue(f.Field.Id, out var typed) ? typed : Text(f.Value),
            [.. errors.Where(e => e.Field == f.Field.Id).Select(e => describe(f.Field, e))], f.People))];

    /// <summary>A stored value as an input shows it: booleans as "true"/"false", numbers invariant, dates ISO.</summary>
    public static string Text(JsonElement? value) => value switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } v => v.GetString() ?? "",
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        { } v => v.GetRawText(),
    };
}
