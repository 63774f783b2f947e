using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

/// <summary>
/// Europe/Berlin moves its clocks on the last Sundays of March (02:00 → 03:00) and October (03:00 → 02:00).
/// Periods are local; working time is real elapsed time.
/// </summary>
public class DaylightSavingTests
{
    private static readonly WorkingCalendar Berlin = CalendarFixture.Berlin();

    [Theory]
    [InlineData("2026-03-27T16:00+01:00", "PT2H", "2026-03-28T09:00+01:00", "two hours from Friday end on the working Saturday")]
    [InlineData("2026-03-28T16:00+01:00", "PT2H", "2026-03-30T09:00+02:00", "two hours from the working Saturday end on Monday, in summer time")]
    [InlineData("2026-03-27T10:00+01:00", "P1D", "2026-03-28T10:00+01:00", "a day from Friday is the working Saturday")]
    [InlineData("2026-03-27T10:00+01:00", "P2D", "2026-03-30T10:00+02:00", "two days keep the local clock time across the change")]
    [InlineData("2026-10-23T16:00+02:00", "PT2H", "2026-10-26T09:00+01:00", "two hours from Friday end on Monday, in winter time")]
    [InlineData("2026-10-23T10:00+02:00", "P1D", "2026-10-26T10:00+01:00", "a day from Friday keeps 10:00 on Monday")]
    [InlineData("2026-03-28T12:30+01:00", "PT1H", "2026-03-28T14:00+01:00", "the lunch break is skipped on the working Saturday")]
    public void Local_periods_hold_across_the_clock_changes(string start, string duration, string expected, string why)
    {
        var due = Berlin.Add(At(start), IsoDuration.Parse(duration));

        Assert.True(At(expected) == due, $"{why}: expected {At(expected):O}, got {due:O}");
    }

    [Fact]
    public void Working_time_between_spans_the_spring_change_in_local_periods()
    {
        Assert.Equal(TimeSpan.FromHours(16), Berlin.WorkingTimeBetween(At("2026-03-27T08:00+01:00"), At("2026-03-30T08:00+02:00")));
    }

    [Fact]
    public void A_night_period_through_the_spring_gap_has_an_hour_less_of_working_time()
    {
        var nights = BerlinEveryDay(Period("00:00", "06:00"));

        Assert.Equal(TimeSpan.FromHours(5), nights.WorkingTimeBetween(At("2026-03-29T00:00+01:00"), At("2026-03-29T06:00+02:00")));
        Assert.Equal(At("2026-03-29T06:00+02:00"), nights.AddWorkingTime(At("2026-03-29T00:00+01:00"), TimeSpan.FromHours(5)));
    }

    [Fact]
    public void A_night_period_through_the_autumn_overlap_has_an_hour_more_of_working_time()
    {
        var nights = BerlinEveryDay(Period("00:00", "06:00"));

        Assert.Equal(TimeSpan.FromHours(7), nights.WorkingTimeBetween(At("2026-10-25T00:00+02:00"), At("2026-10-25T06:00+01:00")));
        Assert.Equal(At("2026-10-25T06:00+01:00"), nights.AddWorkingTime(At("2026-10-25T00:00+02:00"), TimeSpan.FromHours(7)));
    }

    [Fact]
    public void A_clock_time_in_the_spring_gap_moves_forward()
    {
        var nights = BerlinEveryDay(Period("02:00", "04:00"));

        Assert.Equal(At("2026-03-29T03:30+02:00"), nights.Add(At("2026-03-28T02:30+01:00"), IsoDuration.Parse("P1D")));
    }

    [Fact]
    public void An_ambiguous_clock_time_in_the_autumn_overlap_takes_the_earlier_instant()
    {
        var nights = BerlinEveryDay(Period("02:00", "04:00"));

        Assert.Equal(At("2026-10-25T02:30+02:00"), nights.Add(At("2026-10-24T02:30+02:00"), IsoDuration.Parse("P1D")));
    }
}
