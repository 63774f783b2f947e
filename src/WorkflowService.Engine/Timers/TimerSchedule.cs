using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Timers;

/// <summary>
/// When a timer fires: the first due time and, for a cycle, the interval and how many firings
/// remain from <see cref="FirstDue"/> on, that one included (null: unbounded).
/// </summary>
public sealed record TimerSchedule(DateTimeOffset FirstDue, IsoDuration? Interval, int? Repetitions)
{
    /// <summary>
    /// The schedule of a timer whose text has already been evaluated (no <c>${...}</c> left).
    /// <list type="bullet">
    /// <item>Duration: due at <paramref name="now"/> plus the duration.</item>
    /// <item>Date: due at that instant, at once if it is past.</item>
    /// <item>Cycle <c>R[n]/interval</c>: first due one interval after <paramref name="now"/>.
    /// Cycle <c>R[n]/start/interval</c>: first due at the start, or, when the start is past, at the
    /// first occurrence not before <paramref name="now"/>, with the skipped occurrences counted
    /// against a bounded <c>n</c>.</item>
    /// </list>
    /// With a <paramref name="calendar"/>, durations and intervals count in its working time (a date stays a date).
    /// </summary>
    /// <exception cref="FormatException">The text is not what the kind expects, or a bounded cycle has no firing left.</exception>
    public static TimerSchedule Compute(TimerKind kind, string text, DateTimeOffset now, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return kind switch
            {
                TimerKind.Duration => new TimerSchedule(Add(now, IsoDuration.Parse(text), calendar), null, 1),
                TimerKind.Date => TimerText.TryParseDate(text, out var due, out var error)
                    ? new TimerSchedule(due, null, 1)
                    : throw new FormatException(error),
                TimerKind.Cycle => TimerText.TryParseCycle(text, out var cycle, out var cycleError)
                    ? ScheduleCycle(cycle, text, now, calendar)
                    : throw new FormatException(cycleError),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown timer kind"),
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException { ParamName: not nameof(kind) } or OverflowException)
        {
            throw new FormatException($"'{text.Trim()}' reaches beyond the dates a timer can hold (years 1 to 9999)", e);
        }
    }

    /// <summary>
    /// Deploy-time check of a timer text as written; null when valid. A text with <c>${...}</c> is
    /// only checked for expression syntax: its value is known when the timer is armed.
    /// </summary>
    public static string? Check(TimerKind kind, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return $"the timer has no {Describe(kind)} ({Expected(kind)})";
        if (ExpressionEvaluator.IsExpression(text)) return ExpressionEvaluator.CheckSyntax(text);
        return kind switch
        {
            TimerKind.Duration => IsoDuration.TryParse(text, out _, out var error) ? null : error,
            TimerKind.Date => TimerText.TryParseDate(text, out _, out var error) ? null : error,
            TimerKind.Cycle => TimerText.TryParseCycle(text, out _, out var error) ? null : error,
            _ => $"unknown timer kind {kind}",
        };
    }

    /// <summary>
    /// Rules a literal timer must meet to be published, beyond being valid: no duration longer
    /// than <see cref="IsoDuration.MaxYears"/> years, no cycle shorter than
    /// <see cref="TimerText.MinCycleInterval"/>. Null when it meets them (or is an expression).
    /// </summary>
    public static string? CheckPublication(TimerKind kind, string text)
    {
        if (string.IsNullOrWhiteSpace(text) || ExpressionEvaluator.IsExpression(text)) return null;
        switch (kind)
        {
            case TimerKind.Duration when IsoDuration.TryParse(text, out var duration, out _) && duration.IsLongerThanMaxYears:
                return $"'{text.Trim()}' is longer than {IsoDuration.MaxYears:N0} years; no workflow waits that long";
            case TimerKind.Cycle when TimerText.TryParseCycle(text, out var cycle, out _):
                if (cycle.Interval.IsLongerThanMaxYears)
                    return $"'{text.Trim()}' repeats every {cycle.Interval}, longer than {IsoDuration.MaxYears:N0} years";
                if (cycle.Interval.IsFixedLength && cycle.Interval.FixedLength < TimerText.MinCycleInterval)
                    return $"'{text.Trim()}' repeats every {cycle.Interval}: a cycle must wait at least one second between firings";
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The ISO 8601 span a timer counted to its first due time, which a calendar edit counts again: a duration, or a
    /// cycle's interval; null for a date and for a cycle with a start date (a date stays a date).
    /// </summary>
    public static string? SpanOf(TimerKind kind, string text, TimerSchedule schedule) => kind switch
    {
        TimerKind.Duration => IsoDuration.Parse(text).ToString(),
        TimerKind.Cycle when text.Trim().Split('/').Length == 2 => schedule.Interval?.ToString(),
        _ => null,
    };

    /// <summary>The firing after <paramref name="previousDue"/>; each is computed from the previous one.</summary>
    public static DateTimeOffset Next(DateTimeOffset previousDue, IsoDuration interval, WorkingCalendar? calendar = null) =>
        Add(previousDue, interval, calendar);

    /// <summary>A duration after an instant: on the calendar (real time), or in a business calendar's working time.</summary>
    public static DateTimeOffset Add(DateTimeOffset instant, IsoDuration duration, WorkingCalendar? calendar) =>
        calendar is null ? duration.AddTo(instant) : calendar.Add(instant, duration);

    private static TimerSchedule ScheduleCycle(TimerCycle cycle, string text, DateTimeOffset now, WorkingCalendar? calendar)
    {
        if (cycle.Start is not { } start) return new TimerSchedule(Add(now, cycle.Interval, calendar), cycle.Interval, cycle.Repetitions);
        if (start >= now) return new TimerSchedule(start, cycle.Interval, cycle.Repetitions);

        var (due, skipped) = FirstNotBefore(start, cycle.Interval, now, cycle.Repetitions, calendar);
        if (cycle.Repetitions is not { } repetitions) return new TimerSchedule(due, cycle.Interval, null);
        if (skipped >= repetitions)
            throw new FormatException($"'{text.Trim()}' has no firings left: all {repetitions} fell before {TimerText.Format(now)}");
        return new TimerSchedule(due, cycle.Interval, (int)(repetitions - skipped));
    }

    /// <summary>
    /// The next firing of a cycle that last fired (or was due) at <paramref name="previous"/>: the
    /// first occurrence after <paramref name="now"/>, and how many occurrences in between were
    /// missed (while the service was down). Fixed-length intervals jump there arithmetically.
    /// </summary>
    public static (DateTimeOffset Due, long Missed) NextAfter(DateTimeOffset previous, IsoDuration interval, DateTimeOffset now,
        WorkingCalendar? calendar = null)
    {
        if (calendar is not null && interval is { Years: 0, Months: 0, Days: 0 })
        {
            // Working time: jump by whole intervals of it, as the fixed-length case does by real time.
            var step = interval.Time.Ticks;
            var missed = now < previous ? 0 : calendar.WorkingTimeBetween(previous, now).Ticks / step;
            var due = calendar.AddWorkingTime(previous, TimeSpan.FromTicks(checked((missed + 1) * step)));
            while (due <= now)
            {
                due = calendar.AddWorkingTime(due, interval.Time);
                missed++;
            }
            return (due, missed);
        }
        if (calendar is null && interval.IsFixedLength)
        {
            var step = interval.FixedLength.Ticks;
            var missed = now < previous ? 0 : (now - previous).Ticks / step;
            return (previous.AddTicks(checked((missed + 1) * step)), missed);
        }
        var next = Next(previous, interval, calendar);
        long count = 0;
        while (next <= now)
        {
            next = Next(next, interval, calendar);
            count++;
        }
        return (next, count);
    }

    /// <summary>
    /// The first <paramref name="count"/> firings of a cycle after <paramref name="previous"/>, each
    /// from the one before: the due times of firings missed while the service was down.
    /// </summary>
    public static IEnumerable<DateTimeOffset> FiringsAfter(DateTimeOffset previous, IsoDuration interval, long count,
        WorkingCalendar? calendar = null)
    {
        var due = previous;
        for (long i = 0; i < count; i++)
        {
            due = Next(due, interval, calendar);
            yield return due;
        }
    }

    /// <summary>The <paramref name="n"/>-th firing after <paramref name="previous"/> (n = 0: previous itself).</summary>
    public static DateTimeOffset NthAfter(DateTimeOffset previous, IsoDuration interval, long n, WorkingCalendar? calendar = null)
    {
        if (n == 0) return previous;
        if (calendar is null && interval.IsFixedLength) return previous.AddTicks(checked(n * interval.FixedLength.Ticks));
        if (calendar is not null && interval is { Years: 0, Months: 0, Days: 0 })
            return calendar.AddWorkingTime(previous, TimeSpan.FromTicks(checked(n * interval.Time.Ticks)));
        return FiringsAfter(previous, interval, n, calendar).Last();
    }

    /// <summary>
    /// The next firing of a cycle (<paramref name="interval"/> in ISO 8601) that fired at
    /// <paramref name="previous"/> with <paramref name="remaining"/> firings still to come (null:
    /// unbounded): its due time and the firings left after it, or null when the cycle is spent.
    /// Firings missed while nothing ran count against the repetitions, but are not made up.
    /// </summary>
    public static (DateTimeOffset Due, int? RemainingAfter)? NextFiring(DateTimeOffset previous, string interval, int? remaining,
        DateTimeOffset now, WorkingCalendar? calendar = null)
    {
        if (remaining is 0) return null;
        var (due, missed) = NextAfter(previous, IsoDuration.Parse(interval), now, calendar);
        if (remaining is not null && (remaining -= (int)Math.Min(missed, int.MaxValue)) <= 0) return null;
        return (due, remaining - 1);
    }

    /// <summary>
    /// The first occurrence at or after <paramref name="now"/> and how many came before it.
    /// Fixed-length intervals jump there arithmetically (a years-old <c>R/…/PT1S</c> would
    /// otherwise loop for ages); calendar intervals step with <see cref="Next"/>, which is what the
    /// runtime does for later firings, so both agree on every date.
    /// </summary>
    private static (DateTimeOffset Due, long Skipped) FirstNotBefore(DateTimeOffset start, IsoDuration interval,
        DateTimeOffset now, int? repetitions, WorkingCalendar? calendar)
    {
        if (calendar is null && interval.IsFixedLength)
        {
            var step = interval.FixedLength.Ticks;
            var skipped = ((now - start).Ticks + step - 1) / step;
            return (start.AddTicks(checked(skipped * step)), skipped);
        }
        var due = start;
        long count = 0;
        while (due < now && (repetitions is null || count < repetitions))
        {
            due = Next(due, interval, calendar);
            count++;
        }
        return (due, count);
    }

    private static string Describe(TimerKind kind) => kind switch
    {
        TimerKind.Duration => "duration",
        TimerKind.Date => "date",
        _ => "cycle",
    };

    private static string Expected(TimerKind kind) => kind switch
    {
        TimerKind.Duration => IsoDuration.Expected,
        TimerKind.Date => TimerText.DateExpected,
        _ => TimerText.CycleExpected,
    };
}
