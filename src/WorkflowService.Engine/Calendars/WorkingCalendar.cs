using System.Collections.Immutable;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Calendars;

/// <summary>
/// A period of working time within a working day, in the calendar's local time: [Start, End).
/// An end of <see cref="TimeOnly.MaxValue"/> (written 24:00) is midnight at the end of the day.
/// </summary>
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
    // Precomputed for the hot path (a due date in a few microseconds): periods as ticks since local
    // midnight, weekdays as flags, exceptions as sorted day numbers searched without allocating.
    private readonly long[] _periodStarts;
    private readonly long[] _periodEnds;
    private readonly bool[] _workingWeekdays = new bool[7];
    private readonly int[] _exceptionDays;
    private readonly bool[] _exceptionWorking;

    private WorkingCalendar(CalendarDefinition definition, TimeZoneInfo zone)
    {
        Definition = definition;
        Zone = zone;
        Clock = new ZoneClock(zone);
        _periodStarts = new long[definition.Periods.Length];
        _periodEnds = new long[definition.Periods.Length];
        for (var i = 0; i < definition.Periods.Length; i++)
        {
            _periodStarts[i] = definition.Periods[i].Start.Ticks;
            // 24:00 (TimeOnly.MaxValue) is the end of the day itself: a round-the-clock calendar has no gap at midnight.
            _periodEnds[i] = definition.Periods[i].End == TimeOnly.MaxValue ? TimeSpan.TicksPerDay : definition.Periods[i].End.Ticks;
        }
        foreach (var day in definition.WorkingDays) _workingWeekdays[(int)day] = true;
        var exceptions = definition.Exceptions.IsDefault ? [] : definition.Exceptions.OrderBy(e => e.Date).ToArray();
        _exceptionDays = [.. exceptions.Select(e => e.Date.DayNumber)];
        _exceptionWorking = [.. exceptions.Select(e => e.Working)];
    }

    public CalendarDefinition Definition { get; }
    public string Name => Definition.Name;
    public TimeZoneInfo Zone { get; }

    internal ZoneClock Clock { get; }
    internal int PeriodCount => _periodStarts.Length;
    internal long PeriodStart(int index) => _periodStarts[index];
    internal long PeriodEnd(int index) => _periodEnds[index];

    /// <summary>Problems of a definition, each naming what is wrong and where, "path: what" (empty: valid).</summary>
    public static IReadOnlyList<string> Validate(CalendarDefinition definition, string fallbackTimeZone) =>
        [.. Check(definition, fallbackTimeZone).Select(p => p.ToString())];

    /// <summary>Problems of a definition with their paths, codes and the values they name (empty: valid).</summary>
    public static IReadOnlyList<CalendarProblem> Check(CalendarDefinition definition, string fallbackTimeZone) =>
        CalendarValidation.Problems(definition, fallbackTimeZone);

    /// <exception cref="ArgumentException">The definition is not valid (<see cref="Validate"/>'s problems).</exception>
    public static WorkingCalendar Create(CalendarDefinition definition, string fallbackTimeZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = Validate(definition, fallbackTimeZone);
        if (problems.Count > 0)
            throw new ArgumentException($"Calendar '{definition.Name}' is not valid: {string.Join("; ", problems)}", nameof(definition));
        return new WorkingCalendar(definition, TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone ?? fallbackTimeZone));
    }

    /// <summary>An exception for the date first (holiday or make-up day), else the working days of the week.</summary>
    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(date.DayNumber);

    internal bool IsWorkingDay(int dayNumber)
    {
        var index = Array.BinarySearch(_exceptionDays, dayNumber);
        // Day 0 (0001-01-01) was a Monday; DayOfWeek counts from Sunday.
        return index >= 0 ? _exceptionWorking[index] : _workingWeekdays[(dayNumber + 1) % 7];
    }

    public bool IsWorkingTime(DateTimeOffset at)
    {
        var instant = at.UtcTicks;
        var day = (int)(Clock.ToLocalTicks(instant) / ZoneClock.TicksPerDay);
        if (!IsWorkingDay(day)) return false;
        var cursor = new WorkingIntervalCursor(this, instant);
        for (var i = 0; i < PeriodCount; i++)
        {
            cursor.Next();
            if (cursor.Start <= instant && instant < cursor.End) return true;
        }
        return false;
    }

    /// <summary><paramref name="at"/> when it is working time, else the start of the next working period.</summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset at)
    {
        var instant = at.UtcTicks;
        var cursor = new WorkingIntervalCursor(this, instant);
        do cursor.Next();
        while (cursor.End <= instant && !cursor.EndOfTime);
        if (cursor.EndOfTime) throw PastTheLastDate(at, "the next working moment");
        return Utc(Math.Max(cursor.Start, instant), at);
    }

    /// <summary>The due time of <paramref name="duration"/> counted in this calendar from <paramref name="start"/>.</summary>
    /// <exception cref="FormatException">The duration cannot be counted in working time (years or months), or lies past 9999. Weeks are parsed as days (P2W = 14 working days); publication refuses a literal W in a calendar.</exception>
    public DateTimeOffset Add(DateTimeOffset start, IsoDuration duration)
    {
        if (duration.Years != 0 || duration.Months != 0)
            throw new FormatException(
                $"'{duration}' counts years or months, which calendar '{Name}' cannot count in working time: give working days instead (e.g. P20D)");
        if (duration.IsZero) return start.ToUniversalTime();
        var afterDays = duration.Days > 0 ? AddWorkingDays(start, duration.Days) : start;
        return duration.Time > TimeSpan.Zero ? AddWorkingTime(afterDays, duration.Time) : afterDays;
    }

    /// <summary><paramref name="span"/> of working time after <paramref name="start"/>.</summary>
    /// <remarks>A sum that ends exactly at a period's end gives that end, not the next period's start; zero gives the start.</remarks>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        if (span == TimeSpan.Zero) return start.ToUniversalTime();
        var instant = start.UtcTicks;
        var left = span.Ticks;
        var cursor = new WorkingIntervalCursor(this, instant);
        while (true)
        {
            cursor.Next();
            if (cursor.EndOfTime) throw PastTheLastDate(start, span.ToString());
            if (cursor.End <= instant) continue;
            var from = Math.Max(cursor.Start, instant);
            if (cursor.End - from >= left) return Utc(from + left, start);
            left -= cursor.End - from;
        }
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        long begin = from.UtcTicks, end = to.UtcTicks, total = 0;
        if (end <= begin) return TimeSpan.Zero;
        var cursor = new WorkingIntervalCursor(this, begin);
        while (true)
        {
            cursor.Next();
            if (cursor.Start >= end) return TimeSpan.FromTicks(total);
            if (cursor.End > begin) total += Math.Min(cursor.End, end) - Math.Max(cursor.Start, begin);
        }
    }

    /// <summary>True when the year's official schedule is entered.</summary>
    public bool HasSchedule(int year) => !Definition.ScheduledYears.IsDefault && Definition.ScheduledYears.Contains(year);

    /// <summary><c>PnD</c>: the same clock time on the n-th working day after the start (moved to working time first).</summary>
    private DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var local = Clock.ToLocalTicks(NextWorkingMoment(start).UtcTicks);
        var day = (int)(local / ZoneClock.TicksPerDay);
        var timeOfDay = local % ZoneClock.TicksPerDay;
        for (var counted = 0; counted < days; counted++)
        {
            var idle = 0;
            do
            {
                if (day >= DateOnly.MaxValue.DayNumber) throw PastTheLastDate(start, $"P{days}D");
                day++;
                if (++idle > WorkingIntervalCursor.MaxIdleDays)
                    throw new FormatException($"Calendar '{Name}' has no working day in the 20 years after {DateOnly.FromDayNumber(day - idle)}");
            }
            while (!IsWorkingDay(day));
        }
        return Utc(Clock.ToUtcTicks(day * ZoneClock.TicksPerDay + timeOfDay), start);
    }

    private DateTimeOffset Utc(long utcTicks, DateTimeOffset start) =>
        utcTicks <= DateTime.MaxValue.Ticks && utcTicks >= 0
            ? new DateTimeOffset(utcTicks, TimeSpan.Zero)
            : throw PastTheLastDate(start, "the duration");

    private FormatException PastTheLastDate(DateTimeOffset start, string what) =>
        new($"{what} from {start:O} in calendar '{Name}' reaches beyond the dates a timer can hold (years 1 to 9999)");
}
