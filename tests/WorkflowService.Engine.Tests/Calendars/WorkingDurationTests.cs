using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

/// <summary>The README's working-time rules in the China calendar (Mon–Fri 08:30–12:00, 13:30–17:30, 2026 holidays).</summary>
public class WorkingDurationTests
{
    private static readonly WorkingCalendar Calendar = China2026();

    [Theory]
    // The examples.
    [InlineData("2026-02-13T16:00+08:00", "PT4H", "2026-02-14T11:00+08:00", "four working hours from Friday 16:00 end on the make-up Saturday")]
    [InlineData("2026-02-14T10:00+08:00", "P1D", "2026-02-24T10:00+08:00", "a working day from the make-up Saturday skips the Spring Festival")]
    // A start inside the lunch break counts from 13:30.
    [InlineData("2026-03-02T12:30+08:00", "PT1H", "2026-03-02T14:30+08:00", "an hour from the lunch break")]
    [InlineData("2026-03-02T12:30+08:00", "P1D", "2026-03-03T13:30+08:00", "a day from the lunch break keeps 13:30")]
    // Periods are half-open: 12:00 is outside working time.
    [InlineData("2026-03-02T12:00+08:00", "PT30M", "2026-03-02T14:00+08:00", "half an hour from the end of the morning")]
    [InlineData("2026-03-02T08:30+08:00", "PT3H30M", "2026-03-02T12:00+08:00", "a sum ending at the end of the morning gives 12:00")]
    [InlineData("2026-03-02T08:30+08:00", "PT7H30M", "2026-03-02T17:30+08:00", "a whole working day ends at 17:30 the same day")]
    [InlineData("2026-03-02T08:30+08:00", "PT7H31M", "2026-03-03T08:31+08:00", "a minute more runs into the next morning")]
    // A start on a holiday counts from the next working period.
    [InlineData("2026-02-18T10:00+08:00", "PT1H", "2026-02-24T09:30+08:00", "an hour from a Spring Festival holiday")]
    [InlineData("2026-02-18T10:00+08:00", "P1D", "2026-02-25T08:30+08:00", "a day from a holiday counts from the next morning")]
    // A start at night.
    [InlineData("2026-03-03T22:00+08:00", "PT1H", "2026-03-04T09:30+08:00", "an hour from Tuesday night")]
    [InlineData("2026-03-03T22:00+08:00", "P2D", "2026-03-06T08:30+08:00", "two days from Tuesday night")]
    [InlineData("2026-03-06T20:00+08:00", "PT1H", "2026-03-09T09:30+08:00", "an hour from Friday night skips the weekend")]
    [InlineData("2026-03-02T07:00+08:00", "PT1H", "2026-03-02T09:30+08:00", "an hour from before the morning starts at 08:30")]
    // Spanning the Spring Festival.
    [InlineData("2026-02-12T09:00+08:00", "P3D", "2026-02-24T09:00+08:00", "three days from Thursday: Friday, the make-up Saturday, then Tuesday after the holiday")]
    [InlineData("2026-02-13T08:30+08:00", "PT16H", "2026-02-24T09:30+08:00", "sixteen hours: Friday, the make-up Saturday, an hour after the holiday")]
    // Spanning Mid-Autumn, National Day and their make-up days.
    [InlineData("2026-09-17T10:00+08:00", "P10D", "2026-10-08T10:00+08:00", "ten days count Sunday 20 September and skip both holidays")]
    [InlineData("2026-09-30T16:00+08:00", "PT10H", "2026-10-09T09:30+08:00", "ten hours from the eve of National Day")]
    [InlineData("2026-09-30T10:00+08:00", "P3D", "2026-10-10T10:00+08:00", "the third day after National Day's eve is the make-up Saturday")]
    // Days, then time.
    [InlineData("2026-02-13T16:00+08:00", "P1DT2H", "2026-02-24T09:00+08:00", "a day to the make-up Saturday 16:00, then two hours across the holiday")]
    // Zero is the start, even outside working time.
    [InlineData("2026-03-03T22:00+08:00", "PT0S", "2026-03-03T22:00+08:00", "zero at night")]
    [InlineData("2026-03-02T10:00+08:00", "P0D", "2026-03-02T10:00+08:00", "zero days")]
    public void A_duration_counts_in_working_time(string start, string duration, string expected, string why)
    {
        var due = Calendar.Add(At(start), IsoDuration.Parse(duration));

        Assert.True(At(expected) == due, $"{why}: expected {At(expected):O}, got {due:O}");
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1Y2DT3H")]
    public void Years_and_months_are_refused_with_a_hint_to_use_days(string duration)
    {
        var error = Assert.Throws<FormatException>(() => Calendar.Add(At("2026-03-02T10:00+08:00"), IsoDuration.Parse(duration)));

        Assert.Contains("working days", error.Message, StringComparison.Ordinal);
        Assert.Contains(duration, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_due_date_past_the_year_9999_is_refused()
    {
        Assert.Throws<FormatException>(() => Calendar.Add(At("9999-12-30T10:00+08:00"), IsoDuration.Parse("P5D")));
        Assert.Throws<FormatException>(() => Calendar.AddWorkingTime(At("9999-12-30T10:00+08:00"), TimeSpan.FromHours(100)));
    }

    [Fact]
    public void A_calendar_whose_exceptions_close_every_day_for_decades_gives_up()
    {
        var closed = Enumerable.Range(0, 21 * 366).Select(i => new CalendarDay(new DateOnly(2030, 1, 1).AddDays(i), false));
        var calendar = WorkingCalendar.Create(new CalendarDefinition { Name = "closed", TimeZone = Shanghai, Exceptions = [.. closed] }, "UTC");

        var error = Assert.Throws<FormatException>(() => calendar.Add(At("2030-01-01T10:00+08:00"), IsoDuration.Parse("PT1H")));
        Assert.Contains("no working day", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02T08:30+08:00", true)]
    [InlineData("2026-03-02T11:59:59+08:00", true)]
    [InlineData("2026-03-02T12:00+08:00", false)]
    [InlineData("2026-03-02T13:30+08:00", true)]
    [InlineData("2026-03-02T17:30+08:00", false)]
    [InlineData("2026-02-14T09:00+08:00", true)]
    [InlineData("2026-02-16T09:00+08:00", false)]
    [InlineData("2026-03-07T09:00+08:00", false)]
    [InlineData("2026-03-02T01:00Z", true)]
    public void Working_time_is_a_working_day_inside_a_half_open_period(string at, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingTime(At(at)));
    }

    [Theory]
    [InlineData("2026-03-02T10:00+08:00", "2026-03-02T10:00+08:00")]
    [InlineData("2026-03-02T12:00+08:00", "2026-03-02T13:30+08:00")]
    [InlineData("2026-03-02T17:30+08:00", "2026-03-03T08:30+08:00")]
    [InlineData("2026-02-13T18:00+08:00", "2026-02-14T08:30+08:00")]
    [InlineData("2026-02-14T18:00+08:00", "2026-02-24T08:30+08:00")]
    public void The_next_working_moment_is_the_instant_itself_or_the_next_period_start(string at, string expected)
    {
        var next = Calendar.NextWorkingMoment(At(at));

        Assert.Equal(At(expected), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Theory]
    [InlineData("2026-02-13", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-03-07", false)]
    [InlineData("2027-02-08", true)]
    public void Exceptions_decide_first_then_the_weekdays(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(Date(date)));
    }

    [Fact]
    public void Working_time_between_counts_only_working_periods()
    {
        Assert.Equal(TimeSpan.FromHours(15), Calendar.WorkingTimeBetween(At("2026-02-13T08:00+08:00"), At("2026-02-24T08:30+08:00")));
        Assert.Equal(TimeSpan.FromMinutes(90), Calendar.WorkingTimeBetween(At("2026-03-02T11:00+08:00"), At("2026-03-02T14:00+08:00")));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At("2026-03-02T14:00+08:00"), At("2026-03-02T11:00+08:00")));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At("2026-02-16T09:00+08:00"), At("2026-02-20T09:00+08:00")));
    }

    [Fact]
    public void A_year_without_its_schedule_works_on_weekdays_and_says_so()
    {
        Assert.True(Calendar.HasSchedule(2026));
        Assert.False(Calendar.HasSchedule(2027));
        Assert.Equal(At("2027-02-08T09:00+08:00"), Calendar.Add(At("2027-02-05T09:00+08:00"), IsoDuration.Parse("P1D")));
    }
}
