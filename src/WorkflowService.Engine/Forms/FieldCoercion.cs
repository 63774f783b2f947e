using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Forms;

/// <summary>
/// Turns a submitted value into the field's JSON type. Values come from the JSON API (typed) or
/// from HTML forms (always strings), so each type accepts both spellings; parsing is invariant
/// culture, never the server's.
/// </summary>
internal static partial class FieldCoercion
{
    /// <summary>The typed value, or null with the error code and message.</summary>
    public static JsonElement? Coerce(FormField field, JsonElement raw, out FieldError? error)
    {
        error = null;
        var name = FormValidator.NameOf(field);
        switch (field.Type)
        {
            case FormFieldType.Long when TryLong(raw, out var number):
                return JsonSerializer.SerializeToElement(number);
            case FormFieldType.Long:
                error = new FieldError(field.Id, "type", $"{name} must be a whole number");
                return null;

            case FormFieldType.Boolean when TryBoolean(raw, out var flag):
                return JsonSerializer.SerializeToElement(flag);
            case FormFieldType.Boolean:
                error = new FieldError(field.Id, "type", $"{name} must be true or false");
                return null;

            case FormFieldType.Date when raw.ValueKind == JsonValueKind.String && TryDate(raw.GetString()!, out var date):
                return JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case FormFieldType.Date:
                error = new FieldError(field.Id, "type", $"{name} must be a date (yyyy-MM-dd)");
                return null;

            case FormFieldType.Enum:
                var option = raw.ValueKind == JsonValueKind.String ? raw.GetString() : null;
                if (option is not null && field.Options.Any(o => o.Id == option)) return JsonSerializer.SerializeToElement(option);
                var ids = string.Join(", ", field.Options.Select(o => o.Id));
                error = new FieldError(field.Id, "enum", $"{name} must be one of: {ids}", ids);
                return null;

            default:
                if (raw.ValueKind == JsonValueKind.String) return raw.Clone();
                error = new FieldError(field.Id, "type", $"{name} must be text");
                return null;
        }
    }

    /// <summary>An ISO date, or the date as written in an ISO date-time (its own offset, not converted).</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        date = default;
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (!IsoDateTime().IsMatch(trimmed)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return false;
        date = DateOnly.FromDateTime(instant.DateTime);
        return true;
    }

    public static bool TryLongBound(string? text, out long bound) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out bound);

    private static bool TryLong(JsonElement raw, out long number)
    {
        number = 0;
        switch (raw.ValueKind)
        {
            case JsonValueKind.Number:
                if (raw.TryGetInt64(out number)) return true;
                // 5.0 is a whole number written with a fraction; 5.5 is not.
                if (!raw.TryGetDecimal(out var value) || value != decimal.Truncate(value) || value < long.MinValue || value > long.MaxValue)
                    return false;
                number = (long)value;
                return true;
            case JsonValueKind.String:
                return long.TryParse(raw.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    /// <summary>"on"/"off" is what an HTML checkbox sends.</summary>
    private static bool TryBoolean(JsonElement raw, out bool flag)
    {
        flag = raw.ValueKind == JsonValueKind.True;
        if (raw.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
        if (raw.ValueKind != JsonValueKind.String) return false;
        switch (raw.GetString()!.Trim().ToLowerInvariant())
        {
            case "true" or "on":
                flag = true;
                return true;
            case "false" or "off":
                flag = false;
                return true;
            default:
                return false;
        }
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();
}
