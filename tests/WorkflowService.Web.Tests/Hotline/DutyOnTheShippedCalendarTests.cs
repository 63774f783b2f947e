using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Engine.Calendars;
using WorkflowService.Testing;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>
/// The roster on the engine's own calendar, as the service reads it (<see cref="EngineDutyCalendarSource"/> over an
/// <see cref="ICalendarSource"/>): the shipped <c>default</c> calendar with China's 2026 schedule (Spring Festival
/// 15-23 February off, Saturdays 14 and 28 February working).
/// </summary>
public sealed class DutyOnTheShippedCalendarTests
{
    private sealed class Shipped(WorkingCalendar calendar) : ICalendarSource
    {
        public WorkingCalendar? Find(string name) => name == calendar.Name ? calendar : null;
    }

    private static readonly IDutyCalendar Calendar = new EngineDutyCalendarSource(new ServiceCollection()
        .AddSingleton<ICalendarSource>(new Shipped(WorkingCalendar.Create(
            CalendarJson.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "calendars", "default.json"))), "Asia/Shanghai")))
        .BuildServiceProvider()).Department!;

    private static readonly DutyRoster Roster = new(
        [
            new WeeklyShift(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 30), ["agent"]),
            new WeeklyShift(DayOfWeek.Friday, new TimeOnly(8, 30), new TimeOnly(17, 30), ["agent2"]),
        ],
        [new DatedShift(new DateOnly(2026, 2, 17), new TimeOnly(9, 0), new TimeOnly(12, 0), ["agent2"])],
        "13800138000");

    private static DateTimeOffset Shanghai(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_call_in_the_spring_festival_is_forwarded_and_called_back_when_work_resumes()
    {
        var duty = HotlineDuty.Resolve(Roster, Calendar, Shanghai(2, 16, 10));

        Assert.Equal(("13800138000", Shanghai(2, 24, 8, 30)), (duty.ForwardedTo, duty.CallBackAt));
        Assert.Empty(duty.OnDuty);
    }

    [Fact]
    public void A_dated_change_puts_an_agent_on_duty_on_a_holiday()
    {
        var duty = HotlineDuty.Resolve(Roster, Calendar, Shanghai(2, 17, 10));

        Assert.Equal(["agent2"], duty.OnDuty);
        Assert.Equal((false, false), (duty.WorkingTime, duty.Forwarded));
    }

    [Fact]
    public void A_make_up_saturday_follows_mondays_shifts_and_a_friday_evening_call_is_called_back_that_saturday()
    {
        Assert.Equal(["agent"], HotlineDuty.Resolve(Roster, Calendar, Shanghai(2, 14, 9)).OnDuty);

        var fridayEvening = HotlineDuty.Resolve(Roster, Calendar, Shanghai(2, 13, 18));

        Assert.Equal(Shanghai(2, 14, 8, 30), fridayEvening.CallBackAt);
    }
}
