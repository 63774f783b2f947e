using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using WorkflowService.Engine.Calendars;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// The one place a stored or shipped calendar is read from and written to JSON (the database's
/// <c>definition</c> column, <c>workflows/calendars/*.json</c>).
/// </summary>
public static class CalendarText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(CalendarDefinition definition) => JsonSerializer.Serialize(CalendarDocument.From(definition), Options);

    /// <summary>The definition in <paramref name="json"/>, called <paramref name="name"/> when the text names none.</summary>
    /// <exception cref="FormatException">The text is not a calendar.</exception>
    public static CalendarDefinition Parse(string json, string name)
    {
        CalendarDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CalendarDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Calendar '{name}' is not valid JSON: {e.Message}", e);
        }
        if (document is null) throw new FormatException($"Calendar '{name}' is empty");
        var definition = document.ToDefinition(document.Name is { Length: > 0 } own ? own : name, out var errors);
        if (errors.Count > 0) throw new FormatException($"Calendar '{name}': {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        return definition;
    }

    public static JsonSerializerOptions SerializerOptions => Options;
}
