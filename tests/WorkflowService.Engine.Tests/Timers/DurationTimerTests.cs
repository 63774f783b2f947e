using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Timers.TimerFixture;

namespace WorkflowService.Engine.Tests.Timers;

public class DurationTimerTests
{
    [Fact]
    public void A_duration_timer_is_due_that_long_after_now_once()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Duration, "PT4H", Now);

        Assert.Equal(new TimerSchedule(Utc(2026, 3, 1, 16), null, 1), schedule);
    }

    [Fact]
    public void A_calendar_duration_counts_calendar_months()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Duration, "P1M", Utc(2026, 1, 31, 9));

        Assert.Equal(Utc(2026, 2, 28, 9), schedule.FirstDue);
    }

    [Fact]
    public void A_zero_duration_is_due_at_once()
    {
        Assert.Equal(Now, TimerSchedule.Compute(TimerKind.Duration, "PT0S", Now).FirstDue);
    }

    [Fact]
    public void A_bad_duration_is_a_format_error_naming_the_text()
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Duration, "PT5X", Now));

        Assert.Equal("'PT5X' is not an ISO 8601 duration (expected e.g. PT5M, P1D)", error.Message);
    }

    [Fact]
    public void A_duration_past_the_last_representable_date_is_a_format_error()
    {
        var late = new DateTimeOffset(9500, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Duration, "P900Y", late));

        Assert.Equal("'P900Y' reaches beyond the dates a timer can hold (years 1 to 9999)", error.Message);
    }

    [Theory]
    [InlineData("P9000Y")]
    [InlineData("P12100M")]
    [InlineData("PT9000000H")]
    public void A_duration_longer_than_a_thousand_years_is_refused_for_publication(string text)
    {
        Assert.Null(TimerSchedule.Check(TimerKind.Duration, text));
        Assert.Equal($"'{text}' is longer than 1,000 years; no workflow waits that long", TimerSchedule.CheckPublication(TimerKind.Duration, text));
        Assert.Null(TimerSchedule.CheckPublication(TimerKind.Duration, "P999Y"));
    }
}
