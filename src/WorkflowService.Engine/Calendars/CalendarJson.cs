using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowService.Engine.Calendars;

/// <summary>
/// The JSON form of a <see cref="CalendarDefinition"/>, shared by the shipped files, the store and the API:
/// <code>
/// {"name":"default","timeZone":"Asia/Shanghai","workingDays":["monday",...],
///  "periods":[{"start":"08:30","end":"12:00"},...],
///  "exceptions":[{"date":"2026-02-15","working":false,"name":"春节"},...],"scheduledYears":[2025,2026]}
/// </code>
/// Read by hand rather than by the serializer so that every error names its path
/// (<c>exceptions[3].date: '2026-02-30' is not a date</c>) and an unknown property is an error, not a
/// silently dropped typo. Whether the definition makes sense is <see cref="WorkingCalendar.Validate"/>'s job.
/// </summary>
public static class CalendarJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // holiday names stay readable Chinese
    };

    /// <exception cref="FormatException">Every problem found, each with its path, one per line.</exception>
    public static CalendarDefinition Parse(string json) =>
        TryParse(json, out var definition, out var problems)
            ? definition
            : throw new FormatException(string.Join(Environment.NewLine, problems));

    public static bool TryParse(string json, [NotNullWhen(true)] out CalendarDefinition? definition, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(json);
        definition = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException error)
        {
            problems = [$"line {error.LineNumber + 1}: not valid JSON ({error.Message})"];
            return false;
        }
        using (document)
        {
            var reader = new CalendarJsonReader();
            definition = reader.Read(document.RootElement);
            problems = reader.Problems;
            if (problems.Count == 0) return true;
            definition = null;
            return false;
        }
    }

    public static string Write(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", definition.Name);
            if (definition.TimeZone is null) writer.WriteNull("timeZone");
            else writer.WriteString("timeZone", definition.TimeZone);
            writer.WriteStartArray("workingDays");
            foreach (var day in Empty(definition.WorkingDays)) writer.WriteStringValue(DayName(day));
            writer.WriteEndArray();
            writer.WriteStartArray("periods");
            foreach (var period in Empty(definition.Periods))
            {
                writer.WriteStartObject();
                writer.WriteString("start", CalendarValidation.Time(period.Start));
                writer.WriteString("end", CalendarValidation.Time(period.End));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("exceptions");
            foreach (var day in Empty(definition.Exceptions))
            {
                writer.WriteStartObject();
                writer.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteBoolean("working", day.Working);
                if (day.Name is not null) writer.WriteString("name", day.Name);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("scheduledYears");
            foreach (var year in Empty(definition.ScheduledYears)) writer.WriteNumberValue(year);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    private static ImmutableArray<T> Empty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
