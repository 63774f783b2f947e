using System.Text.Json;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// Process variables and task inputs as a Liquid template reads them (mail and robot templates alike): objects as
/// dictionaries, arrays as lists, numbers as decimals where they fit.
/// </summary>
public static class TemplateValues
{
    /// <summary>A JSON object for the template; a name given twice (JSON allows it) keeps its last value, as JavaScript does.</summary>
    public static Dictionary<string, object?> Of(IEnumerable<KeyValuePair<string, JsonElement>> properties)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties) result[name] = Value(value);
        return result;
    }

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Of(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))),
        JsonValueKind.Array => value.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
