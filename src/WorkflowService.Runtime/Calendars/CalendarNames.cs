using System.Text.RegularExpressions;

namespace WorkflowService.Runtime.Calendars;

/// <summary>What a calendar may be called: it is written in BPMN (<c>calendar="default"</c>) and in addresses.</summary>
public static partial class CalendarNames
{
    public const string Default = "default";
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    public const string Rule = "letters a-z, digits, '-' and '_', at most 64";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Pattern();
}
