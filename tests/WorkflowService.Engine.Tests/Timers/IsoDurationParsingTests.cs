using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Tests.Timers;

public class IsoDurationParsingTests
{
    [Theory]
    [InlineData("PT5M", 0, 0, 0, 0, 5, 0, 0)]
    [InlineData("P1D", 0, 0, 1, 0, 0, 0, 0)]
    [InlineData("P2W", 0, 0, 14, 0, 0, 0, 0)]
    [InlineData("PT0.5S", 0, 0, 0, 0, 0, 0, 500)]
    [InlineData("P1Y2M3DT4H5M6.5S", 1, 2, 3, 4, 5, 6, 500)]
    [InlineData("PT36H", 0, 0, 0, 36, 0, 0, 0)]
    [InlineData("pt15m", 0, 0, 0, 0, 15, 0, 0)]
    [InlineData(" P1DT12H ", 0, 0, 1, 12, 0, 0, 0)]
    [InlineData("PT1,5S", 0, 0, 0, 0, 0, 1, 500)]
    [InlineData("PT0S", 0, 0, 0, 0, 0, 0, 0)]
    public void Valid_durations_parse_into_calendar_and_time_parts(string text, int years, int months, int days,
        int hours, int minutes, int seconds, int milliseconds)
    {
        var duration = IsoDuration.Parse(text);

        Assert.Equal(new IsoDuration(years, months, days,
            TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(milliseconds)),
            duration);
    }

    [Fact]
    public void The_last_time_part_may_be_fractional()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), IsoDuration.Parse("PT1.5H").Time);
        Assert.Equal(TimeSpan.FromSeconds(30), IsoDuration.Parse("PT0.5M").Time);
    }

    [Theory]
    [InlineData("PT5X")]
    [InlineData("5M")]
    [InlineData("P1DT")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1M1Y")]
    [InlineData("P1D1D")]
    [InlineData("P1.5D")]
    [InlineData("PT1.5H30M")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("-P1D")]
    [InlineData("P-1D")]
    [InlineData("")]
    [InlineData("P99999999999D")]
    [InlineData("PT1.2.3S")]
    [InlineData("R3/PT1H")]
    public void Invalid_durations_are_refused(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IsoDuration.Parse(text));
    }

    [Fact]
    public void The_error_names_the_text_and_what_is_expected()
    {
        var error = Assert.Throws<FormatException>(() => IsoDuration.Parse("PT5X"));

        Assert.Equal("'PT5X' is not an ISO 8601 duration (expected e.g. PT5M, P1D)", error.Message);
    }

    [Fact]
    public void Negative_and_empty_durations_say_so()
    {
        Assert.Equal("'-PT5M' is negative; a duration must not be negative (expected e.g. PT5M, P1D)",
            Assert.Throws<FormatException>(() => IsoDuration.Parse("-PT5M")).Message);
        Assert.Equal("'PT' is an empty duration: it names no years, months, days, hours, minutes or seconds (expected e.g. PT5M, P1D)",
            Assert.Throws<FormatException>(() => IsoDuration.Parse("PT")).Message);
    }
}
