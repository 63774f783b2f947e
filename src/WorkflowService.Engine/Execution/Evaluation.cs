using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Turns attribute texts (literal or expression) into the typed values behaviors need.
/// Failures throw <see cref="IncidentException"/> or <see cref="ExpressionException"/>.
/// </summary>
internal static class Evaluation
{
    public static JsonElement Value(StepContext ctx, string text) => ctx.Expressions.Evaluate(text, ctx.Variables, ctx.Now);

    /// <summary>Null or empty text, or an expression yielding null or '', gives null.</summary>
    public static string? String(StepContext ctx, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!ExpressionEvaluator.IsExpression(text)) return text.Trim();
        var value = Value(ctx, text);
        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new IncidentException($"{what} {text} yielded {Show(value)}, not a text"),
        };
    }

    /// <summary>A comma-separated literal list, or an expression yielding such a string or an array of strings.</summary>
    public static ImmutableArray<string> List(StepContext ctx, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (!ExpressionEvaluator.IsExpression(text)) return Split(text);
        var value = Value(ctx, text);
        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            JsonValueKind.String => Split(value.GetString()!),
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                [.. value.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)],
            _ => throw new IncidentException($"{what} {text} yielded {Show(value)}, not a list of names"),
        };
    }

    /// <summary>An ISO 8601 date-time, or an ISO 8601 duration counted from now (in <paramref name="calendar"/>'s working time when given).</summary>
    public static DateTimeOffset? Date(StepContext ctx, string? text, string what, Calendars.WorkingCalendar? calendar = null,
        DateTimeOffset? from = null) => Due(ctx, text, what, calendar, from).At;

    /// <summary>
    /// A date, or a duration counted from <paramref name="from"/> (else now) in <paramref name="calendar"/> (else real
    /// time); <c>Span</c> is the duration when it was one, so the host can count it again if the calendar is edited.
    /// </summary>
    public static (DateTimeOffset? At, string? Span) Due(StepContext ctx, string? text, string what,
        Calendars.WorkingCalendar? calendar = null, DateTimeOffset? from = null)
    {
        var s = String(ctx, text, what);
        if (s is null) return (null, null);
        if (s.StartsWith('P') && IsoDuration.TryParse(s, out var duration)) return (TimerSchedule.Add(from ?? ctx.Now, duration, calendar), s);
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return (date, null);
        throw new IncidentException($"{what} '{s}' is neither an ISO 8601 date-time nor a duration");
    }

    public static int Int(StepContext ctx, string? text, int fallback, string what)
    {
        var s = String(ctx, text, what);
        if (s is null) return fallback;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new IncidentException($"{what} '{s}' is not a whole number");
    }

    private static ImmutableArray<string> Split(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string Show(JsonElement value) => $"{value.GetRawText()} ({value.ValueKind.ToString().ToLowerInvariant()})";
}
