using WorkflowService.Engine.Calendars;
using static WorkflowService.Engine.Tests.Calendars.CalendarFixture;

namespace WorkflowService.Engine.Tests.Calendars;

/// <summary>AddWorkingTime and WorkingTimeBetween are inverses, checked on many random instants (fixed seed).</summary>
public class WorkingTimePropertyTests
{
    public static TheoryData<string> Calendars => ["china", "berlin"];

    private static WorkingCalendar Named(string name) => name == "china" ? China2026() : Berlin();

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_the_working_time_between_two_instants_reaches_the_later_one(string name)
    {
        var calendar = Named(name);
        var random = new Random(12);
        for (var i = 0; i < 2_000; i++)
        {
            var a = RandomInstant(random);
            var b = a.AddMinutes(random.Next(0, 40 * 24 * 60));

            var reached = calendar.AddWorkingTime(a, calendar.WorkingTimeBetween(a, b));

            // Outside working time the sum stops at the end of the last period before b: the same next working moment.
            Assert.True(calendar.NextWorkingMoment(b) == calendar.NextWorkingMoment(reached), $"from {a:O} to {b:O}: reached {reached:O}");
            if (calendar.IsWorkingTime(b)) Assert.True(b == reached, $"from {a:O} to {b:O}: reached {reached:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void The_working_time_between_a_start_and_its_sum_is_the_added_time(string name)
    {
        var calendar = Named(name);
        var random = new Random(34);
        for (var i = 0; i < 2_000; i++)
        {
            var a = RandomInstant(random);
            var span = TimeSpan.FromMinutes(random.Next(0, 200 * 60));

            Assert.Equal(span, calendar.WorkingTimeBetween(a, calendar.AddWorkingTime(a, span)));
        }
    }

    // Minutes through 2026, which has both clock changes and both holiday seasons.
    private static DateTimeOffset RandomInstant(Random random) =>
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
}
