using System.Collections.Immutable;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Calendars;

/// <summary>A period of working time within a working day, in the calendar's local time: [Start, End).</summary>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>A dated exception: a public holiday (<paramref name="Working"/> false) or a make-up working day (调休, true).</summary>
public sealed record CalendarDay(DateOnly Date, bool Working, string? Name = null);

/// <summary>
/// What an admin edits: a named business calendar. Working days of the week, the working periods of
/// every working day (local time of <see cref="TimeZone"/>), dated exceptions, and the years whose
/// official schedule (holidays and make-up days) has been entered.
/// </summary>
public sealed record CalendarDefinition
{
    public required string Name { get; init; }

    /// <summary>IANA id (<c>Asia/Shanghai</c>); null: the service's <c>App:TimeZone</c>.</summary>
    public string? TimeZone { get; init; }

    public ImmutableArray<DayOfWeek> WorkingDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public ImmutableArray<WorkingPeriod> Periods { get; init; } =
        [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(13, 30), new TimeOnly(17, 30))];

    public ImmutableArray<CalendarDay> Exceptions { get; init; } = [];

    /// <summary>Years whose official schedule is entered; a year not listed works on weekdays only and admins are told.</summary>
    public ImmutableArray<int> ScheduledYears { get; init; } = [];
}

/// <summary>Where the engine finds a calendar by name (the Runtime's store; a fixed set in tests).</summary>
public interface ICalendarSource
{
    /// <summary>The calendar, or null when no calendar has that name.</summary>
    WorkingCalendar? Find(string name);
}

/// <summary>
/// Working-time arithmetic over one <see cref="CalendarDefinition"/>: pure, immutable, thread-safe.
/// The rules (README, "Working time"):
/// <list type="bullet">
/// <item><c>PnD</c>: the same clock time on the n-th working day after the start; a start outside
/// working time counts from the start of the next working period.</item>
/// <item><c>PTnH</c>/<c>PTnM</c>/<c>PTnS</c>: that much working time, skipping breaks, nights,
/// non-working days and holidays, honouring make-up days.</item>
/// <item><c>PnDTnH</c>: the days first, then the time.</item>
/// </list>
/// </summary>
public sealed class WorkingCalendar
{
    private WorkingCalendar(CalendarDefinition definition, TimeZoneInfo zone)
    {
        Definition = definition;
        Zone = zone;
    }

    public CalendarDefinition Definition { get; }
    public string Name => Definition.Name;
    public TimeZoneInfo Zone { get; }

    /// <summary>Problems of a definition, each naming what is wrong and where (empty: valid).</summary>
    public static IReadOnlyList<string> Validate(CalendarDefinition definition, string fallbackTimeZone) =>
        throw new NotImplementedException();

    /// <exception cref="ArgumentException">The definition is not valid (<see cref="Validate"/>'s problems).</exception>
    public static WorkingCalendar Create(CalendarDefinition definition, string fallbackTimeZone) =>
        throw new NotImplementedException();

    public bool IsWorkingDay(DateOnly date) => throw new NotImplementedException();

    public bool IsWorkingTime(DateTimeOffset at) => throw new NotImplementedException();

    /// <summary><paramref name="at"/> when it is working time, else the start of the next working period.</summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset at) => throw new NotImplementedException();

    /// <summary>The due time of <paramref name="duration"/> counted in this calendar from <paramref name="start"/>.</summary>
    /// <exception cref="FormatException">The duration cannot be counted in working time (years, months or weeks), or lies past 9999.</exception>
    public DateTimeOffset Add(DateTimeOffset start, IsoDuration duration) => throw new NotImplementedException();

    /// <summary><paramref name="span"/> of working time after <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan span) => throw new NotImplementedException();

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) => throw new NotImplementedException();

    /// <summary>True when the year's official schedule is entered.</summary>
    public bool HasSchedule(int year) => Definition.ScheduledYears.Contains(year);
}
