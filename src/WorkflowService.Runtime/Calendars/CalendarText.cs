using WorkflowService.Engine.Calendars;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// The one place a stored or shipped calendar is read from and written to JSON (the database's
/// <c>definition</c> column, <c>workflows/calendars/*.json</c>): the engine's <see cref="CalendarJson"/>.
/// </summary>
public static class CalendarText
{
    public static string Write(CalendarDefinition definition) => CalendarJson.Write(definition);

    /// <summary>The definition in <paramref name="json"/>; <paramref name="name"/> says which, in the error.</summary>
    /// <exception cref="FormatException">The text is not a calendar: every problem with its path.</exception>
    public static CalendarDefinition Parse(string json, string name)
    {
        if (CalendarJson.TryParse(json, out var definition, out var problems)) return definition;
        throw new FormatException($"Calendar '{name}': {string.Join("; ", problems)}");
    }
}
