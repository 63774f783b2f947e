namespace WorkflowService.Engine.Calendars;

/// <summary>
/// Walks a calendar's working intervals in order, as UTC ticks [Start, End), beginning with the local
/// day of an instant (callers skip the intervals that end before it). A mutable struct: the hot path
/// of every working-time sum, it allocates nothing and asks the zone once per working day.
/// </summary>
internal struct WorkingIntervalCursor
{
    /// <summary>Days without a working day after which a sum gives up: a calendar that has not worked for 20 years never will.</summary>
    public const int MaxIdleDays = 20 * 366;

    private readonly WorkingCalendar _calendar;
    private int _day;
    private int _period;
    private bool _sameOffsetAllDay;
    private long _offset;

    public WorkingIntervalCursor(WorkingCalendar calendar, long fromUtcTicks)
    {
        _calendar = calendar;
        _day = (int)(calendar.Clock.ToLocalTicks(fromUtcTicks) / ZoneClock.TicksPerDay) - 1;
        _period = calendar.PeriodCount; // forces the first Next to find the first working day
    }

    /// <summary>Start of the current interval, UTC ticks; <see cref="EndOfTime"/> once past the year 9999.</summary>
    public long Start { get; private set; }

    public long End { get; private set; }

    /// <summary>The walk ran past 9999-12-31: Start and End are <see cref="DateTime.MaxValue"/>'s ticks.</summary>
    public readonly bool EndOfTime => Start == DateTime.MaxValue.Ticks;

    /// <summary>The next working interval.</summary>
    /// <exception cref="FormatException">More than <see cref="MaxIdleDays"/> days in a row are not working days.</exception>
    public void Next()
    {
        if (EndOfTime) return;
        if (_period >= _calendar.PeriodCount && !NextWorkingDay())
        {
            Start = End = DateTime.MaxValue.Ticks;
            return;
        }
        var midnight = _day * ZoneClock.TicksPerDay;
        var start = midnight + _calendar.PeriodStart(_period);
        var end = midnight + _calendar.PeriodEnd(_period);
        _period++;
        if (_sameOffsetAllDay)
        {
            Start = start - _offset;
            End = end - _offset;
        }
        else
        {
            Start = _calendar.Clock.ToUtcTicks(start);
            End = Math.Max(Start, _calendar.Clock.ToUtcTicks(end));
        }
    }

    private bool NextWorkingDay()
    {
        var idle = 0;
        do
        {
            if (_day >= DateOnly.MaxValue.DayNumber) return false;
            _day++;
            if (++idle > MaxIdleDays)
                throw new FormatException(
                    $"Calendar '{_calendar.Name}' has no working day in the {MaxIdleDays / 366} years after {DateOnly.FromDayNumber(_day - idle)}");
        }
        while (!_calendar.IsWorkingDay(_day));
        _period = 0;
        _sameOffsetAllDay = _calendar.Clock.TryDayOffset(_day, out _offset);
        return true;
    }
}
