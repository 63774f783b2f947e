using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Forms;

/// <summary>
/// One refused field. <paramref name="Code"/> is stable for translation ("required", "type",
/// "min", "max", "minlength", "maxlength", "enum", "unknown"); the message is English and names
/// the field by its label; <paramref name="Argument"/> carries the bound or the allowed options.
/// </summary>
public sealed record FieldError(string FieldId, string Code, string Message, string? Argument = null);

/// <summary>The converted values to store, and every error (not only the first: the form shows them all).</summary>
public sealed record FormSubmission(ImmutableDictionary<string, JsonElement> Values, ImmutableArray<FieldError> Errors)
{
    public bool IsValid => Errors.IsEmpty;
}

/// <summary>
/// Validates a completed task form against the <c>camunda:formData</c> the BPMN declares.
/// Values only holds declared, writable fields that were submitted, converted to their type;
/// a field left out keeps its existing variable. An empty string is "not submitted", as an
/// empty HTML input is; a value sent for a read-only field is ignored rather than refused,
/// because HTML forms post disabled-looking inputs too.
/// </summary>
public static class FormValidator
{
    public static FormSubmission Validate(ImmutableArray<FormField> fields, IReadOnlyDictionary<string, JsonElement> submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var values = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var declared = new HashSet<string>(StringComparer.Ordinal);

        foreach (var field in fields)
        {
            if (!declared.Add(field.Id) || field.Readonly) continue;
            if (!submitted.TryGetValue(field.Id, out var raw) || IsEmpty(raw))
            {
                if (field.Required) errors.Add(new FieldError(field.Id, "required", $"{NameOf(field)} is required"));
                continue;
            }

            var value = FieldCoercion.Coerce(field, raw, out var typeError);
            if (typeError is not null)
            {
                errors.Add(typeError);
                continue;
            }
            var constraintErrors = CheckConstraints(field, value!.Value).ToList();
            if (constraintErrors.Count == 0) values[field.Id] = value.Value;
            errors.AddRange(constraintErrors);
        }

        foreach (var id in submitted.Keys.Where(id => !declared.Contains(id)).Order(StringComparer.Ordinal))
            errors.Add(new FieldError(id, "unknown", $"'{id}' is not a field of this form"));

        return new FormSubmission(values.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>How messages name a field: its label, or its id when it has none.</summary>
    internal static string NameOf(FormField field) => string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label;

    private static bool IsEmpty(JsonElement raw) =>
        raw.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || raw.ValueKind == JsonValueKind.String && raw.GetString()!.Length == 0;

    /// <summary>Bounds that do not parse are skipped: the model is checked at deploy time, not here.</summary>
    private static IEnumerable<FieldError> CheckConstraints(FormField field, JsonElement value)
    {
        var name = NameOf(field);
        switch (field.Type)
        {
            case FormFieldType.Long:
                var number = value.GetInt64();
                if (FieldCoercion.TryLongBound(field.Min, out var min) && number < min)
                    yield return new FieldError(field.Id, "min", $"{name} must be at least {Text(min)}", Text(min));
                if (FieldCoercion.TryLongBound(field.Max, out var max) && number > max)
                    yield return new FieldError(field.Id, "max", $"{name} must be at most {Text(max)}", Text(max));
                break;

            case FormFieldType.Date:
                var date = DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (field.Min is not null && FieldCoercion.TryDate(field.Min, out var earliest) && date < earliest)
                    yield return new FieldError(field.Id, "min", $"{name} must be on or after {Iso(earliest)}", Iso(earliest));
                if (field.Max is not null && FieldCoercion.TryDate(field.Max, out var latest) && date > latest)
                    yield return new FieldError(field.Id, "max", $"{name} must be on or before {Iso(latest)}", Iso(latest));
                break;

            case FormFieldType.String:
                // UTF-16 length, as the browser's minlength/maxlength count it, so both sides agree.
                var length = value.GetString()!.Length;
                if (field.MinLength is { } minLength && length < minLength)
                    yield return new FieldError(field.Id, "minlength", $"{name} must be at least {Characters(minLength)}", Text(minLength));
                if (field.MaxLength is { } maxLength && length > maxLength)
                    yield return new FieldError(field.Id, "maxlength", $"{name} must be at most {Characters(maxLength)}", Text(maxLength));
                break;
        }
    }

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Characters(int count) => count == 1 ? "1 character" : $"{Text(count)} characters";
}
