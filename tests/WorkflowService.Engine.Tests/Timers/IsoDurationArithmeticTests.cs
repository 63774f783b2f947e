using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Tests.Timers;

public class IsoDurationArithmeticTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Months_are_added_on_the_calendar()
    {
        Assert.Equal(Utc(2026, 2, 28), IsoDuration.Parse("P1M").AddTo(Utc(2026, 1, 31)));
        Assert.Equal(Utc(2028, 2, 29), IsoDuration.Parse("P1M").AddTo(Utc(2028, 1, 31)));
    }

    [Fact]
    public void A_year_from_a_leap_day_ends_on_the_last_day_of_february()
    {
        Assert.Equal(Utc(2029, 2, 28), IsoDuration.Parse("P1Y").AddTo(Utc(2028, 2, 29)));
    }

    [Fact]
    public void Years_then_months_then_days_then_time_are_added()
    {
        // 2028-02-29 + 1Y = 2029-02-28, + 1M = 2029-03-28, + 1D = 2029-03-29, + 1H.
        Assert.Equal(Utc(2029, 3, 29, 1), IsoDuration.Parse("P1Y1M1DT1H").AddTo(Utc(2028, 2, 29)));
    }

    [Fact]
    public void The_time_part_is_exact_and_keeps_the_offset()
    {
        var start = new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.FromHours(2));

        var due = IsoDuration.Parse("PT1H30.25S").AddTo(start);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 30, 250, TimeSpan.FromHours(2)), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Theory]
    [InlineData("P1Y2M3DT4H5M6.5S", "P1Y2M3DT4H5M6.5S")]
    [InlineData("P2W", "P14D")]
    [InlineData("PT90M", "PT1H30M")]
    [InlineData("PT36H", "PT36H")]
    [InlineData("PT0.5S", "PT0.5S")]
    [InlineData("PT0.0000001S", "PT0.0000001S")]
    [InlineData("pt15m", "PT15M")]
    [InlineData("PT0S", "PT0S")]
    [InlineData("P0D", "PT0S")]
    [InlineData("PT1.5H", "PT1H30M")]
    public void To_string_is_canonical_and_parses_back_to_the_same_value(string text, string canonical)
    {
        var duration = IsoDuration.Parse(text);

        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(duration, IsoDuration.Parse(duration.ToString()));
    }
}
