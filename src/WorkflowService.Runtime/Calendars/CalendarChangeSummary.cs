using System.Globalization;
using WorkflowService.Engine.Calendars;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// What a save changed, in words for the audit log (the whole definition of a shipped calendar runs to
/// kilobytes; an admin reading the log wants "+2027-01-01 元旦"): one clause per part that changed.
/// </summary>
internal static class CalendarChangeSummary
{
    public static string Of(CalendarDefinition? before, CalendarDefinition after)
    {
        if (before is null)
            return $"timeZone {after.TimeZone ?? "(App:TimeZone)"}; workingDays {Days(after)}; periods {Periods(after)}; " +
                   $"{after.Exceptions.Length} exception(s); scheduledYears {Years(after)}";
        List<string> changes = [];
        Compare("timeZone", before.TimeZone ?? "(App:TimeZone)", after.TimeZone ?? "(App:TimeZone)", changes);
        Compare("workingDays", Days(before), Days(after), changes);
        Compare("periods", Periods(before), Periods(after), changes);
        Compare("scheduledYears", Years(before), Years(after), changes);
        var old = before.Exceptions.Select(Day).ToHashSet(StringComparer.Ordinal);
        var now = after.Exceptions.Select(Day).ToHashSet(StringComparer.Ordinal);
        var added = after.Exceptions.Select(Day).Where(d => !old.Contains(d)).Order(StringComparer.Ordinal).ToList();
        var removed = before.Exceptions.Select(Day).Where(d => !now.Contains(d)).Order(StringComparer.Ordinal).ToList();
        if (added.Count + removed.Count > 0)
            changes.Add("exceptions " + string.Join(", ", [.. added.Select(d => "+" + d), .. removed.Select(d => "−" + d)]));
        return changes.Count == 0 ? "no change" : string.Join("; ", changes);
    }

    private static void Compare(string part, string before, string after, List<string> changes)
    {
        if (before != after) changes.Add($"{part} {before} → {after}");
    }

    private static string Days(CalendarDefinition d) =>
        string.Join(",", d.WorkingDays.OrderBy(day => ((int)day + 6) % 7).Select(day => day.ToString()[..3]));

    private static string Periods(CalendarDefinition d) =>
        string.Join(",", d.Periods.Select(p => $"{p.Start:HH\\:mm}–{p.End:HH\\:mm}"));

    private static string Years(CalendarDefinition d) => string.Join(",", d.ScheduledYears.Order());

    private static string Day(CalendarDay day) =>
        $"{day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {(day.Working ? "on" : "off")}{(day.Name is { Length: > 0 } n ? " " + n : "")}";
}
