using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;

namespace WorkflowService.Runtime.Tests.Calendars;

/// <summary>Which years' official schedule a calendar should have by now: this year, and from 1 December (its own date) next year too.</summary>
public sealed class MissingYearsTests
{
    private static readonly CalendarDefinition Entered2026 = new() { Name = "default", TimeZone = "Asia/Shanghai", ScheduledYears = [2025, 2026] };

    [Theory]
    [InlineData("2026-06-15T00:00:00Z", new int[0])]
    [InlineData("2026-11-30T15:59:59Z", new int[0])] // 23:59:59 on 30 November in Shanghai
    [InlineData("2026-11-30T16:00:00Z", new[] { 2027 })] // midnight on 1 December in Shanghai, still November in UTC
    [InlineData("2027-01-02T00:00:00Z", new[] { 2027 })]
    [InlineData("2027-12-01T00:00:00Z", new[] { 2027, 2028 })]
    public void The_missing_years_follow_the_calendars_own_date(string now, int[] missing)
    {
        Assert.Equal(missing, MissingYears.Of(Entered2026, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), "UTC"));
        Assert.Equal(missing, MissingYears.Of(WorkingCalendar.Create(Entered2026, "UTC"),
            DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_calendar_without_a_zone_of_its_own_counts_its_date_in_the_fallback_zone()
    {
        var noZone = Entered2026 with { TimeZone = null };

        Assert.Equal([2027], MissingYears.Of(noZone, new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), "Asia/Shanghai"));
        Assert.Empty(MissingYears.Of(noZone, new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), "UTC"));
    }
}
