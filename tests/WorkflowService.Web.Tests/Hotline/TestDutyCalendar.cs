using WorkflowService.AfterSales.Hotline;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>
/// A department calendar the tests control (the engine's WorkingCalendar is another branch's work): Asia/Shanghai,
/// Monday to Friday 08:30-12:00 and 13:30-17:30, with holidays and make-up days the test adds.
/// </summary>
public sealed class TestDutyCalendar : IDutyCalendar, IDutyCalendarSource
{
    private static readonly (TimeOnly Start, TimeOnly End)[] Periods = [(new(8, 30), new(12, 0)), (new(13, 30), new(17, 30))];

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public HashSet<DateOnly> Holidays { get; } = [];
    public HashSet<DateOnly> MakeUpDays { get; } = [];

    public IDutyCalendar? Department => this;

    public bool IsWorkingDay(DateOnly day) =>
        MakeUpDays.Contains(day) || (!Holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public bool IsWorkingTime(DateTimeOffset at)
    {
        var local = Local(at);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && Periods.Any(p => p.Start <= time && time < p.End);
    }

    public DateTimeOffset NextWorkingMoment(DateTimeOffset at)
    {
        if (IsWorkingTime(at)) return at;
        var local = Local(at);
        for (var day = DateOnly.FromDateTime(local.DateTime); ; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            foreach (var (start, _) in Periods)
            {
                var candidate = At(day, start);
                if (candidate > at) return candidate;
            }
        }
    }

    /// <summary>The instant of a local date and time.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The first <paramref name="weekday"/> at <paramref name="time"/> (local) after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DayOfWeek weekday, TimeOnly time, DateTimeOffset after)
    {
        for (var day = DateOnly.FromDateTime(Local(after).DateTime); ; day = day.AddDays(1))
        {
            if (day.DayOfWeek == weekday && At(day, time) > after) return At(day, time);
        }
    }

    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);
}
