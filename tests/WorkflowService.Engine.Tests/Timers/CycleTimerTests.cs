using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Timers.TimerFixture;

namespace WorkflowService.Engine.Tests.Timers;

public class CycleTimerTests
{
    [Fact]
    public void An_unbounded_cycle_fires_every_interval_from_now()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R/PT1H", Now);

        Assert.Equal(new TimerSchedule(Utc(2026, 3, 1, 13), IsoDuration.Parse("PT1H"), null), schedule);
    }

    [Fact]
    public void A_bounded_cycle_first_fires_one_interval_after_now()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R3/PT10M", Now);

        Assert.Equal(new TimerSchedule(Utc(2026, 3, 1, 12, 10), IsoDuration.Parse("PT10M"), 3), schedule);
    }

    [Fact]
    public void A_future_start_date_is_the_first_firing()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R3/2026-04-01T08:00:00Z/P1D", Now);

        Assert.Equal(new TimerSchedule(Utc(2026, 4, 1, 8), IsoDuration.Parse("P1D"), 3), schedule);
    }

    [Fact]
    public void A_start_date_equal_to_now_fires_now()
    {
        Assert.Equal(Now, TimerSchedule.Compute(TimerKind.Cycle, "R2/2026-03-01T12:00:00Z/PT1H", Now).FirstDue);
    }

    [Fact]
    public void A_past_start_skips_to_the_next_occurrence_and_counts_the_skipped_ones()
    {
        // Firings at 09:00 ... 13:00; at 12:30 four have passed, so 13:00 is next and last.
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R5/2026-03-01T09:00:00Z/PT1H", Now.AddMinutes(30));

        Assert.Equal(new TimerSchedule(Utc(2026, 3, 1, 13), IsoDuration.Parse("PT1H"), 1), schedule);
    }

    [Fact]
    public void A_past_start_with_a_calendar_interval_steps_on_the_calendar()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R/2020-01-01/P1Y", Now);

        Assert.Equal(new TimerSchedule(Utc(2027, 1, 1), IsoDuration.Parse("P1Y"), null), schedule);
    }

    [Fact]
    public void A_long_past_start_with_a_short_interval_is_computed_without_stepping()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Cycle, "R/2000-01-01T00:00:00Z/PT1S", Now.AddMilliseconds(1));

        Assert.Equal(Now.AddSeconds(1), schedule.FirstDue);
    }

    [Fact]
    public void A_bounded_cycle_whose_firings_are_all_past_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Cycle, "R3/2026-01-01T00:00:00Z/PT1H", Now));

        Assert.Equal("'R3/2026-01-01T00:00:00Z/PT1H' has no firings left: all 3 fell before 2026-03-01T12:00:00Z", error.Message);
    }

    [Fact]
    public void Next_adds_the_interval_to_the_previous_due_time()
    {
        Assert.Equal(Utc(2026, 2, 28, 9), TimerSchedule.Next(Utc(2026, 1, 31, 9), IsoDuration.Parse("P1M")));
        Assert.Equal(Utc(2026, 3, 1, 12, 10), TimerSchedule.Next(Now, IsoDuration.Parse("PT10M")));
    }

    [Fact]
    public void Zero_repetitions_are_refused()
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Cycle, "R0/PT1H", Now));

        Assert.Equal("'R0/PT1H' never fires: the repetition count must be at least 1 (or R alone for no end)", error.Message);
    }

    [Theory]
    [InlineData("R/PT0.5S")]
    [InlineData("R5/PT0.0000001S")]
    public void An_interval_under_a_second_is_refused_for_publication(string cycle)
    {
        Assert.EndsWith("a cycle must wait at least one second between firings", TimerSchedule.CheckPublication(TimerKind.Cycle, cycle));
        Assert.Null(TimerSchedule.CheckPublication(TimerKind.Cycle, "R/PT1S"));
    }

    [Fact]
    public void The_next_firing_after_an_outage_is_found_in_one_jump_and_the_missed_ones_are_counted()
    {
        var previous = Now;
        var interval = IsoDuration.Parse("PT1S");

        var (due, missed) = TimerSchedule.NextAfter(previous, interval, Now.AddDays(3000).AddMilliseconds(500));

        Assert.Equal(Now.AddDays(3000).AddSeconds(1), due);
        Assert.Equal(3000L * 86_400, missed);
    }

    [Fact]
    public void The_next_calendar_firing_after_an_outage_skips_the_months_missed()
    {
        var (due, missed) = TimerSchedule.NextAfter(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M"),
            new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal((new DateTimeOffset(2026, 4, 28, 9, 0, 0, TimeSpan.Zero), 2L), (due, missed));
    }

    [Fact]
    public void A_zero_interval_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Cycle, "R/PT0S", Now));

        Assert.Equal("'R/PT0S' has a zero interval: a cycle must wait longer than nothing between firings", error.Message);
    }

    [Theory]
    [InlineData("0 0 9 * * ?")]
    [InlineData("0 9 * * MON-FRI")]
    [InlineData("0 0/5 14 * * ? 2026")]
    public void Cron_cycles_are_refused_with_an_iso_alternative(string text)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Cycle, text, Now));

        Assert.Equal($"'{text}': cron timer cycles are not supported; use an ISO 8601 repeating interval such as R/P1D", error.Message);
    }

    [Theory]
    [InlineData("PT1H", "is not an ISO 8601 repeating interval (expected e.g. R/PT1H, R3/PT10M or R3/2026-01-01T00:00:00Z/PT1H)")]
    [InlineData("R3", "is not an ISO 8601 repeating interval")]
    [InlineData("Rx/PT1H", "is not an ISO 8601 repeating interval")]
    [InlineData("R-1/PT1H", "is not an ISO 8601 repeating interval")]
    [InlineData("R3/PT5X", "has an invalid interval: 'PT5X' is not an ISO 8601 duration (expected e.g. PT5M, P1D)")]
    [InlineData("R3/yesterday/PT1H", "has an invalid start: 'yesterday' is not an ISO 8601 date-time")]
    [InlineData("R/PT1H/2026-04-01T00:00:00Z", "has an invalid start: 'PT1H' is not an ISO 8601 date-time")]
    public void Malformed_cycles_name_the_text_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Cycle, text, Now));

        Assert.StartsWith($"'{text}' {problem}", error.Message);
    }
}
