using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WorkflowService.Engine.Model;

/// <summary>
/// The <c>camunda:properties</c> entries that make a timer an SLA clock (README, "Service rules"):
/// <list type="bullet">
/// <item><c>sla</c> on a timer event: the rule a firing breaches.</item>
/// <item><c>calendar</c> on a timer event or a user task (its <c>camunda:dueDate</c>), or on the
/// process as the default of all of them: durations count in that business calendar's working
/// time. <c>none</c> on an element overrides a process default with real time.</item>
/// <item><c>warnAt</c> on an SLA timer: marks (<c>50%,75%</c>) of its span at which the assignee
/// is warned, the supervisor too at the last one.</item>
/// <item><c>countFrom</c> on a duration timer or a user task: the instant its duration counts from.</item>
/// <item><c>slaPause</c> = <c>true</c> on a user task, receive task, external task or
/// intermediate catch event: while it is active the SLA timers of its scope and the scopes
/// around it stand still; they resume with the time they had left.</item>
/// </list>
/// </summary>
public static class SlaProperties
{
    public const string Sla = "sla";
    public const string Calendar = "calendar";
    public const string WarnAt = "warnAt";
    public const string SlaPause = "slaPause";

    /// <summary>
    /// On a duration timer, or a user task with a duration <c>camunda:dueDate</c>: the instant the
    /// duration counts from (<c>${receivedAt}</c>: when the request reached the centre), instead of the
    /// moment the timer is armed. Empty or null: now. A due time already past fires at once.
    /// </summary>
    public const string CountFrom = "countFrom";

    /// <summary>The <c>calendar</c> value that means real time, to override a process default.</summary>
    public const string RealTime = "none";

    /// <summary>The SLA rule of a timer event, or null.</summary>
    public static string? RuleOf(FlowNode node) => node.Properties.GetValueOrDefault(Sla) is { Length: > 0 } rule ? rule : null;

    /// <summary>The calendar a node's durations count in: its own property, else the process default; null for real time.</summary>
    public static string? CalendarOf(ProcessModel model, FlowNode node) => CalendarOf(model.Properties, node);

    /// <inheritdoc cref="CalendarOf(ProcessModel, FlowNode)"/>
    /// <param name="processProperties">The process's extension properties (its default calendar among them).</param>
    public static string? CalendarOf(IReadOnlyDictionary<string, string> processProperties, FlowNode node)
    {
        var name = Trimmed(node.Properties.GetValueOrDefault(Calendar)) ?? Trimmed(processProperties.GetValueOrDefault(Calendar));
        return name is null || string.Equals(name, RealTime, StringComparison.OrdinalIgnoreCase) ? null : name;
    }

    /// <summary>True when the node stops the SLA clocks around it while it is active.</summary>
    public static bool PausesSla(FlowNode node) =>
        node.Properties.TryGetValue(SlaPause, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The warning marks of a timer (percent of its span, ascending), empty when it has none.</summary>
    public static ImmutableArray<int> WarnMarksOf(FlowNode node) =>
        node.Properties.GetValueOrDefault(WarnAt) is { } text && TryParseWarnAt(text, out var marks, out _) ? marks : [];

    /// <summary><c>50%,75%</c>: whole percentages from 1 to 99, ascending, each once.</summary>
    public static bool TryParseWarnAt(string text, out ImmutableArray<int> marks, [NotNullWhen(false)] out string? error)
    {
        marks = [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = ImmutableArray.CreateBuilder<int>(parts.Length);
        foreach (var part in parts)
        {
            var number = part.EndsWith('%') ? part[..^1].TrimEnd() : part;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var mark) || mark is < 1 or > 99)
            {
                error = $"warnAt '{text}': '{part}' is not a percentage from 1% to 99% (expected e.g. 50%,75%)";
                return false;
            }
            if (result.Count > 0 && mark <= result[^1])
            {
                error = $"warnAt '{text}': the marks must rise, each once ({mark}% after {result[^1]}%)";
                return false;
            }
            result.Add(mark);
        }
        marks = result.ToImmutable();
        error = null;
        return true;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
