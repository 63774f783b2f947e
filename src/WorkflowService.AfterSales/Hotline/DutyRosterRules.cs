using System.Text.RegularExpressions;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.AfterSales.Hotline;

/// <summary>What a duty roster must be, each problem naming its field (<c>weekly[2].end</c>).</summary>
public static partial class DutyRosterRules
{
    public const int MaxShifts = 200;
    public const int MaxChanges = 1000;
    public const int MaxAgentsPerShift = 50;
    public const int MaxUserName = 256;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-()]{2,24}$")]
    private static partial Regex MobilePattern();

    public static List<ValidationError> Check(DutyRoster roster)
    {
        var errors = new List<ValidationError>();
        var weekly = roster.Weekly ?? [];
        var changes = roster.Changes ?? [];
        if (weekly.Count > MaxShifts) errors.Add(new($"weekly has {weekly.Count} shifts, more than {MaxShifts}", "weekly", "too-many", Argument: $"{MaxShifts}"));
        if (changes.Count > MaxChanges) errors.Add(new($"changes has {changes.Count} shifts, more than {MaxChanges}", "changes", "too-many", Argument: $"{MaxChanges}"));
        for (var i = 0; i < weekly.Count; i++)
        {
            if (weekly[i] is not { } s) { errors.Add(new($"weekly[{i}] is empty", $"weekly[{i}]", "required")); continue; }
            if (!Enum.IsDefined(s.Day)) errors.Add(new($"weekly[{i}].day is not a day of the week", $"weekly[{i}].day", "invalid"));
            Shift(errors, $"weekly[{i}]", s.Start, s.End, s.Agents);
        }
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is not { } c) { errors.Add(new($"changes[{i}] is empty", $"changes[{i}]", "required")); continue; }
            // An empty list is allowed here: nobody on duty that period, on purpose.
            Shift(errors, $"changes[{i}]", c.Start, c.End, c.Agents, allowNobody: true);
        }
        if (!string.IsNullOrWhiteSpace(roster.ForwardingMobile) && !MobilePattern().IsMatch(roster.ForwardingMobile.Trim()))
            errors.Add(new($"forwardingMobile '{roster.ForwardingMobile}' is not a phone number", "forwardingMobile", "invalid",
                Argument: roster.ForwardingMobile));
        return errors;
    }

    private static void Shift(List<ValidationError> errors, string field, TimeOnly start, TimeOnly end, IReadOnlyList<string>? agents,
        bool allowNobody = false)
    {
        if (end <= start)
            errors.Add(new($"{field}: end {end:HH\\:mm} is not after start {start:HH\\:mm} (a night shift is two shifts, before and after midnight)",
                $"{field}.end", "end-before-start", Argument: $"{start:HH\\:mm}–{end:HH\\:mm}"));
        agents ??= [];
        if (agents.Count == 0 && !allowNobody) errors.Add(new($"{field}.agents: name at least one agent", $"{field}.agents", "required"));
        if (agents.Count > MaxAgentsPerShift)
            errors.Add(new($"{field}.agents has {agents.Count} names, more than {MaxAgentsPerShift}", $"{field}.agents", "too-many",
                Argument: $"{MaxAgentsPerShift}"));
        for (var j = 0; j < agents.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(agents[j]) || agents[j].Trim().Length > MaxUserName || agents[j].Contains(','))
                errors.Add(new($"{field}.agents[{j}] '{agents[j]}' is not a user name", $"{field}.agents[{j}]", "invalid", Argument: agents[j]));
        }
    }

    /// <summary>The roster as stored: names and the mobile trimmed, shifts in order (weekday, then start).</summary>
    public static DutyRoster Normalized(DutyRoster roster) => roster with
    {
        Weekly = [.. (roster.Weekly ?? []).OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Start)
            .Select(s => s with { Agents = Names(s.Agents) })],
        Changes = [.. (roster.Changes ?? []).OrderBy(c => c.Date).ThenBy(c => c.Start).Select(c => c with { Agents = Names(c.Agents) })],
        ForwardingMobile = string.IsNullOrWhiteSpace(roster.ForwardingMobile) ? null : roster.ForwardingMobile.Trim(),
    };

    private static List<string> Names(IReadOnlyList<string>? agents) =>
        [.. (agents ?? []).Select(a => a.Trim()).Distinct(StringComparer.Ordinal)];
}
