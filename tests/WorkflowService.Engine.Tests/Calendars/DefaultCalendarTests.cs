using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

/// <summary>
/// The shipped workflows/calendars/default.json against the State Council notices for 2025 and 2026
/// (国务院办公厅关于2025年/2026年部分节假日安排的通知), written out here by hand: each holiday's first and
/// last day off and its make-up working days.
/// </summary>
public class DefaultCalendarTests
{
    private static readonly Lazy<CalendarDefinition> Shipped = new(() =>
        CalendarJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "calendars", "default.json"))));

    public static TheoryData<string, string, string, string[]> Holidays => new()
    {
        { "元旦", "2025-01-01", "2025-01-01", [] },
        { "春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"] },
        { "清明节", "2025-04-04", "2025-04-06", [] },
        { "劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"] },
        { "端午节", "2025-05-31", "2025-06-02", [] },
        { "国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"] },
        { "元旦", "2026-01-01", "2026-01-03", ["2026-01-04"] },
        { "春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"] },
        { "清明节", "2026-04-04", "2026-04-06", [] },
        { "劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"] },
        { "端午节", "2026-06-19", "2026-06-21", [] },
        { "中秋节", "2026-09-25", "2026-09-27", [] },
        { "国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"] },
    };

    [Theory]
    [MemberData(nameof(Holidays))]
    public void Every_day_of_a_holiday_is_off_and_its_make_up_days_are_working(string name, string firstOff, string lastOff, string[] makeUpDays)
    {
        var calendar = DefaultCalendar();

        for (var day = Date(firstOff); day <= Date(lastOff); day = day.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(day), $"{name}: {day:yyyy-MM-dd} should be off");
            Assert.Equal(name, Shipped.Value.Exceptions.Single(e => e.Date == day).Name);
        }
        Assert.True(calendar.IsWorkingDay(Date(firstOff).AddDays(-1)) || Date(firstOff).AddDays(-1).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        foreach (var makeUp in makeUpDays)
        {
            Assert.True(calendar.IsWorkingDay(Date(makeUp)), $"{name}: {makeUp} is a make-up working day");
            Assert.Contains(Date(makeUp).DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
        }
    }

    [Fact]
    public void The_file_holds_exactly_the_notices_days_and_nothing_else()
    {
        var expected = Holidays.Sum(row => Date((string)row[2]).DayNumber - Date((string)row[1]).DayNumber + 1 + ((string[])row[3]).Length);

        Assert.Equal(expected, Shipped.Value.Exceptions.Length);
        Assert.Equal<int>([2025, 2026], Shipped.Value.ScheduledYears);
    }

    [Fact]
    public void The_default_calendar_is_valid_in_Shanghai_with_the_usual_working_hours()
    {
        Assert.Empty(WorkingCalendar.Validate(Shipped.Value, "UTC"));
        Assert.Equal("default", Shipped.Value.Name);
        Assert.Equal(Shanghai, Shipped.Value.TimeZone);
        Assert.Equal<WorkingPeriod>([Period("08:30", "12:00"), Period("13:30", "17:30")], Shipped.Value.Periods);
        Assert.Equal<DayOfWeek>([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], Shipped.Value.WorkingDays);
    }

    [Theory]
    [InlineData("2026-02-13T16:00+08:00", "PT4H", "2026-02-14T11:00+08:00")]
    [InlineData("2026-02-14T10:00+08:00", "P1D", "2026-02-24T10:00+08:00")]
    [InlineData("2026-09-30T10:00+08:00", "P1D", "2026-10-08T10:00+08:00")]
    [InlineData("2026-09-18T10:00+08:00", "P1D", "2026-09-20T10:00+08:00")]
    public void The_issues_examples_hold_in_the_shipped_calendar(string start, string duration, string expected)
    {
        Assert.Equal(At(expected), DefaultCalendar().Add(At(start), IsoDuration.Parse(duration)));
    }

    private static WorkingCalendar DefaultCalendar() => WorkingCalendar.Create(Shipped.Value, "UTC");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowService.sln"))) return dir.FullName;
        throw new Xunit.Sdk.XunitException($"No WorkflowService.sln above {AppContext.BaseDirectory}: cannot find workflows/calendars");
    }
}
