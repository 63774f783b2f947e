using WorkflowService.Engine.Calendars;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

public class CalendarValidationTests
{
    private static readonly CalendarDefinition Valid = new() { Name = "default", TimeZone = Shanghai };

    public static TheoryData<string, CalendarDefinition, string> Problems => new()
    {
        { "an unknown time zone", Valid with { TimeZone = "Mars/Olympus" }, "timeZone: 'Mars/Olympus' is not a known time zone" },
        { "no name", Valid with { Name = " " }, "name: the calendar has no name" },
        { "no working days", Valid with { WorkingDays = [] }, "workingDays: the calendar has no working days of the week" },
        { "a working day twice", Valid with { WorkingDays = [DayOfWeek.Monday, DayOfWeek.Monday] }, "workingDays[1]: Monday is listed twice" },
        { "no periods", Valid with { Periods = [] }, "periods: the calendar has no working periods" },
        { "an empty period", Valid with { Periods = [Period("08:30", "08:30")] }, "periods[0]: 08:30–08:30 is empty" },
        { "a period ending before it starts", Valid with { Periods = [Period("17:30", "13:30")] }, "periods[0]: 17:30–13:30 ends before it starts" },
        {
            "overlapping periods", Valid with { Periods = [Period("08:30", "12:30"), Period("12:00", "17:30")] },
            "periods[1]: 12:00–17:30 overlaps periods[0] (08:30–12:30)"
        },
        {
            "unsorted periods", Valid with { Periods = [Period("13:30", "17:30"), Period("08:30", "12:00")] },
            "periods[1]: 08:30–12:00 starts before periods[0] (13:30–17:30); list the periods in the order of the day"
        },
        {
            "a date listed twice", Valid with { Exceptions = [new(Date("2026-02-16"), false, "春节"), new(Date("2026-02-16"), false)] },
            "exceptions[1]: 2026-02-16 is listed twice (also exceptions[0])"
        },
        {
            "a make-up day on a working weekday", Valid with { Exceptions = [new(Date("2026-02-16"), true, "春节调休上班")] },
            "exceptions[0]: 2026-02-16 (春节调休上班) is a make-up working day on a Monday, which is a working day already"
        },
        { "a year listed twice", Valid with { ScheduledYears = [2026, 2026] }, "scheduledYears[1]: 2026 is listed twice" },
        { "a year out of range", Valid with { ScheduledYears = [0] }, "scheduledYears[0]: 0 is not a year between 1 and 9999" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_problem_is_named_with_where_it_is(string _, CalendarDefinition definition, string problem)
    {
        Assert.Equal([problem], WorkingCalendar.Validate(definition, "UTC").Select(p => p.Length > problem.Length ? p[..problem.Length] : p));
    }

    [Fact]
    public void A_problem_carries_its_path_a_stable_code_and_the_value_it_names()
    {
        var definition = Valid with
        {
            TimeZone = "Mars/Olympus",
            Periods = [Period("08:30", "12:30"), Period("12:00", "17:30")],
            Exceptions = [new(Date("2026-02-16"), true, "春节调休上班")],
        };

        Assert.Equal(
            [
                new CalendarProblem("timeZone", "unknown", "", "Mars/Olympus"),
                new CalendarProblem("periods[1]", "overlaps", "", "12:00–17:30"),
                new CalendarProblem("exceptions[0]", "make-up-on-working-day", "", "2026-02-16"),
            ],
            WorkingCalendar.Check(definition, "UTC").Select(p => p with { What = "" }));
        Assert.Equal("periods[1]: 12:00–17:30 overlaps periods[0] (08:30–12:30)", WorkingCalendar.Check(definition, "UTC")[1].ToString());
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var definition = Valid with { TimeZone = "Nowhere/Else", WorkingDays = [], Periods = [Period("12:00", "08:00")] };

        Assert.Equal(3, WorkingCalendar.Validate(definition, "UTC").Count);
    }

    [Fact]
    public void A_valid_definition_has_no_problems_and_falls_back_to_the_service_zone()
    {
        Assert.Empty(WorkingCalendar.Validate(Valid, "UTC"));
        Assert.Equal("Asia/Shanghai", WorkingCalendar.Create(Valid with { TimeZone = null }, "Asia/Shanghai").Zone.Id);
    }

    [Fact]
    public void Creating_an_invalid_calendar_throws_with_its_problems()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkingCalendar.Create(Valid with { Periods = [] }, "UTC"));

        Assert.Contains("periods: the calendar has no working periods", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_holiday_on_a_weekend_is_allowed_as_the_notices_list_whole_ranges()
    {
        Assert.Empty(WorkingCalendar.Validate(Valid with { Exceptions = [new(Date("2026-02-15"), false, "春节")] }, "UTC"));
    }
}
