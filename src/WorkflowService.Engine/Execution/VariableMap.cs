using System.Collections.Immutable;
using System.Text.Json;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Process variables are JSON values: immutable, comparable, and stored as they are.
/// Helpers to build them from CLR values.
/// </summary>
public static class VariableMap
{
    public static readonly ImmutableDictionary<string, JsonElement> Empty =
        ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal);

    public static JsonElement Value(object? value) => JsonSerializer.SerializeToElement(value);

    /// <summary><c>VariableMap.Of(("units", 25), ("customer", "ACME"))</c></summary>
    public static ImmutableDictionary<string, JsonElement> Of(params (string Name, object? Value)[] entries) =>
        Empty.SetItems(entries.Select(e => KeyValuePair.Create(e.Name, Value(e.Value))));

    /// <summary>Parses a JSON object into variables; throws <see cref="JsonException"/> on anything else.</summary>
    public static ImmutableDictionary<string, JsonElement> FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("Variables must be a JSON object");
        return Empty.SetItems(doc.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.Clone())));
    }
}
