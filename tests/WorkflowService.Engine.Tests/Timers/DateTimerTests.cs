using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Timers.TimerFixture;

namespace WorkflowService.Engine.Tests.Timers;

public class DateTimerTests
{
    [Theory]
    [InlineData("2026-03-05T09:30:00Z")]
    [InlineData("2026-03-05T10:30:00+01:00")]
    [InlineData("2026-03-05T04:30:00-05:00")]
    [InlineData("2026-03-05T09:30:00")]
    [InlineData("2026-03-05T09:30")]
    [InlineData("2026-03-05t09:30:00z")]
    public void A_date_timer_is_due_at_that_instant_and_no_offset_means_utc(string text)
    {
        var schedule = TimerSchedule.Compute(TimerKind.Date, text, Now);

        Assert.Equal(new TimerSchedule(Utc(2026, 3, 5, 9, 30), null, 1), schedule);
        Assert.Equal(TimeSpan.Zero, schedule.FirstDue.Offset);
    }

    [Fact]
    public void A_date_alone_means_midnight_utc()
    {
        Assert.Equal(Utc(2026, 12, 24), TimerSchedule.Compute(TimerKind.Date, "2026-12-24", Now).FirstDue);
    }

    [Fact]
    public void Fractional_seconds_are_kept()
    {
        Assert.Equal(Utc(2026, 3, 5, 9, 30).AddMilliseconds(125), TimerSchedule.Compute(TimerKind.Date, "2026-03-05T09:30:00.125Z", Now).FirstDue);
    }

    [Fact]
    public void A_past_date_is_due_at_once()
    {
        var schedule = TimerSchedule.Compute(TimerKind.Date, "2020-01-01T00:00:00Z", Now);

        Assert.Equal(Utc(2020, 1, 1), schedule.FirstDue);
        Assert.True(schedule.FirstDue <= Now);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-3-5")]
    [InlineData("05.03.2026")]
    [InlineData("2026-03-05 09:30")]
    [InlineData("PT5M")]
    public void Text_that_is_not_an_iso_date_time_is_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Date, text, Now));

        Assert.Equal($"'{text}' is not an ISO 8601 date-time (expected e.g. 2026-03-01T09:00:00Z or 2026-03-01)", error.Message);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-05T25:00:00Z")]
    [InlineData("2026-03-05T09:00:00+15:00")]
    public void An_out_of_range_part_is_refused(string text)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Compute(TimerKind.Date, text, Now));

        Assert.StartsWith($"'{text}' is not a valid date-time: a part is out of range", error.Message);
    }
}
