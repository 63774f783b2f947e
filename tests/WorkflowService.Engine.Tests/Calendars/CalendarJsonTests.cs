using WorkflowService.Engine.Calendars;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

public class CalendarJsonTests
{
    [Fact]
    public void A_definition_written_and_parsed_back_is_the_same()
    {
        var definition = new CalendarDefinition
        {
            Name = "south",
            TimeZone = "Asia/Shanghai",
            WorkingDays = [DayOfWeek.Monday, DayOfWeek.Saturday],
            Periods = [Period("08:30", "12:00"), Period("13:30", "17:30:30")],
            Exceptions = [new(Date("2026-02-16"), false, "春节"), new(Date("2026-02-14"), true), new(Date("2026-03-01"), true, "Make-up")],
            ScheduledYears = [2026],
        };

        var json = CalendarJson.Write(definition);
        var back = CalendarJson.Parse(json);

        Assert.Contains("\"春节\"", json, StringComparison.Ordinal);
        Assert.Contains("\"saturday\"", json, StringComparison.Ordinal);
        Assert.Equal(definition.Name, back.Name);
        Assert.Equal(definition.TimeZone, back.TimeZone);
        Assert.Equal<DayOfWeek>(definition.WorkingDays, back.WorkingDays);
        Assert.Equal<WorkingPeriod>(definition.Periods, back.Periods);
        Assert.Equal<CalendarDay>(definition.Exceptions, back.Exceptions);
        Assert.Equal<int>(definition.ScheduledYears, back.ScheduledYears);
    }

    [Fact]
    public void A_null_time_zone_round_trips_as_the_service_zone_and_missing_lists_take_the_defaults()
    {
        var back = CalendarJson.Parse("""{"name":"plain","timeZone":null}""");

        Assert.Null(back.TimeZone);
        Assert.Equal<WorkingPeriod>(new CalendarDefinition { Name = "x" }.Periods, back.Periods);
        Assert.Equal(5, back.WorkingDays.Length);
        Assert.Null(CalendarJson.Parse(CalendarJson.Write(back)).TimeZone);
    }

    [Theory]
    [InlineData("""{"name":"a","exceptions":[{"date":"2026-02-30","working":false}]}""", "exceptions[0].date: '2026-02-30' is not a date")]
    [InlineData("""{"name":"a","exceptions":[{"date":"2026-02-15"}]}""", "exceptions[0].working: missing")]
    [InlineData("""{"name":"a","exceptions":[{"date":"2026-02-15","working":"no"}]}""", "exceptions[0].working: expected true (a make-up working day) or false (a day off), found 'no'")]
    [InlineData("""{"name":"a","workingDays":["monday","funday"]}""", "workingDays[1]: 'funday' is not a day of the week")]
    [InlineData("""{"name":"a","periods":[{"start":"08:30","end":"25:00"}]}""", "periods[0].end: '25:00' is not a time of day")]
    [InlineData("""{"name":"a","periods":[{"start":"08:30"}]}""", "periods[0].end: missing")]
    [InlineData("""{"name":"a","workdays":["monday"]}""", "workdays: unknown property")]
    [InlineData("""{"name":"a","scheduledYears":["2026"]}""", "scheduledYears[0]: expected a year such as 2026, found '2026'")]
    [InlineData("""{"timeZone":"Asia/Shanghai"}""", "name: missing")]
    [InlineData("""[1,2]""", "$: expected an object")]
    [InlineData("""{"name":"a",""", "line 1: not valid JSON")]
    public void An_error_names_its_path(string json, string expected)
    {
        Assert.False(CalendarJson.TryParse(json, out var definition, out var problems));
        Assert.Null(definition);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        var error = Assert.Throws<FormatException>(() => CalendarJson.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_document_is_reported()
    {
        Assert.False(CalendarJson.TryParse(
            """{"name":"a","exceptions":[{"date":"x","working":false},{"date":"2026-01-01","working":1}]}""", out _, out var problems));

        Assert.Equal(2, problems.Count);
    }
}
