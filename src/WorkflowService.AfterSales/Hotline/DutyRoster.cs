namespace WorkflowService.AfterSales.Hotline;

/// <summary>A weekly shift of the duty roster (值班表): on <see cref="Day"/>, from <see cref="Start"/> to <see cref="End"/> (local time).</summary>
public sealed record WeeklyShift(DayOfWeek Day, TimeOnly Start, TimeOnly End, IReadOnlyList<string> Agents);

/// <summary>A dated change (调班): on <see cref="Date"/> the roster is the day's changes only, the weekly pattern set aside.</summary>
public sealed record DatedShift(DateOnly Date, TimeOnly Start, TimeOnly End, IReadOnlyList<string> Agents);

/// <summary>
/// The hotline's duty roster: who answers the hotline when, on the department's <c>default</c> calendar, and the
/// mobile calls are forwarded to (呼叫转移号码) outside working time.
/// </summary>
/// <param name="Revision">What the editor read; a save with an older one is refused (someone else changed the roster).</param>
public sealed record DutyRoster(
    IReadOnlyList<WeeklyShift> Weekly,
    IReadOnlyList<DatedShift> Changes,
    string? ForwardingMobile,
    int Revision = 0,
    string? UpdatedBy = null,
    DateTimeOffset? UpdatedAt = null)
{
    public static readonly DutyRoster Empty = new([], [], null);

    /// <summary>No shift at all: no roster is kept, and every call rings for the whole hotline group at any time.</summary>
    public bool IsEmpty => Weekly.Count == 0 && Changes.Count == 0;

    /// <summary>
    /// The agents on duty at a local date and time, in roster order without repeats. A day with dated changes
    /// follows them only. Otherwise a non-working day (a holiday, a weekend) has nobody, whatever the weekly pattern
    /// says of its weekday; a working day follows its weekday's shifts, and a make-up working day (调休, a Saturday or
    /// Sunday) that has no shifts of its own weekday follows Monday's.
    /// </summary>
    /// <param name="workingDay">What the calendar says of <paramref name="date"/>.</param>
    public IReadOnlyList<string> OnDuty(DateOnly date, TimeOnly time, bool workingDay)
    {
        var changes = Changes.Where(c => c.Date == date).ToList();
        if (changes.Count > 0) return Covering(changes.Select(c => (c.Start, c.End, c.Agents)), time);
        if (!workingDay) return [];
        // Only a make-up day (a weekend day the calendar makes a working day) borrows Monday's shifts: a weekday
        // the pattern leaves empty has nobody, as the pattern says.
        var makeUpDay = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var day = makeUpDay && !Weekly.Any(s => s.Day == date.DayOfWeek) ? DayOfWeek.Monday : date.DayOfWeek;
        return Covering(Weekly.Where(s => s.Day == day).Select(s => (s.Start, s.End, s.Agents)), time);
    }

    /// <summary>True when a dated change covers <paramref name="date"/>: then it, not the calendar, says who works.</summary>
    public bool HasChangesOn(DateOnly date) => Changes.Any(c => c.Date == date);

    private static List<string> Covering(IEnumerable<(TimeOnly Start, TimeOnly End, IReadOnlyList<string> Agents)> shifts, TimeOnly time) =>
        [.. shifts.Where(s => s.Start <= time && time < s.End).SelectMany(s => s.Agents).Distinct(StringComparer.Ordinal)];
}
