using WorkflowService.AfterSales.Hotline;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>Who is on duty when: the weekly pattern, dated changes, holidays and make-up days (调休), on the department's calendar.</summary>
public sealed class DutyRosterResolutionTests
{
    private static readonly TimeOnly Morning = new(8, 30), Noon = new(12, 0), Afternoon = new(13, 30), Evening = new(17, 30);

    // 2026-03-02 is a Monday; 2026-02-28 a Saturday.
    private static readonly DateOnly Monday = new(2026, 3, 2), Tuesday = new(2026, 3, 3), Saturday = new(2026, 2, 28);

    private static readonly DutyRoster Roster = new(
        [
            new WeeklyShift(DayOfWeek.Monday, Morning, Noon, ["wang.fang", "li.na"]),
            new WeeklyShift(DayOfWeek.Monday, Afternoon, Evening, ["li.na"]),
            new WeeklyShift(DayOfWeek.Tuesday, Morning, Evening, ["zhao.lei"]),
            new WeeklyShift(DayOfWeek.Tuesday, new TimeOnly(17, 30), new TimeOnly(20, 0), ["zhao.lei"]),
        ],
        [new DatedShift(Tuesday, Morning, Noon, ["chen.jing"])],
        "13800138000");

    private readonly TestDutyCalendar _calendar = new();

    [Theory]
    [InlineData(9, 0, "wang.fang,li.na")]
    [InlineData(11, 59, "wang.fang,li.na")]
    [InlineData(12, 0, "")]
    [InlineData(13, 30, "li.na")]
    [InlineData(17, 29, "li.na")]
    [InlineData(17, 30, "")]
    public void The_weekly_pattern_names_the_agents_of_the_shift_that_covers_the_time(int hour, int minute, string expected)
    {
        var agents = Roster.OnDuty(Monday, new TimeOnly(hour, minute), workingDay: true);

        Assert.Equal(expected, string.Join(",", agents));
    }

    [Fact]
    public void A_working_weekday_the_pattern_leaves_empty_has_nobody_and_only_a_make_up_weekend_day_borrows_Mondays_shifts()
    {
        var wednesday = Monday.AddDays(2);

        Assert.Empty(Roster.OnDuty(wednesday, new TimeOnly(9, 0), workingDay: true));
        Assert.Equal(["wang.fang", "li.na"], Roster.OnDuty(Saturday, new TimeOnly(9, 0), workingDay: true));
        Assert.Empty(Roster.OnDuty(Saturday, new TimeOnly(9, 0), workingDay: false));
    }

    [Fact]
    public void A_dated_change_replaces_the_whole_days_pattern()
    {
        Assert.Equal(["chen.jing"], Roster.OnDuty(Tuesday, new TimeOnly(9, 0), workingDay: true));
        // The pattern's Tuesday shifts (zhao.lei, all day and the evening) are set aside that day, not merged.
        Assert.Empty(Roster.OnDuty(Tuesday, new TimeOnly(15, 0), workingDay: true));
        Assert.Empty(Roster.OnDuty(Tuesday, new TimeOnly(18, 0), workingDay: true));
        Assert.Equal(["zhao.lei"], Roster.OnDuty(Tuesday.AddDays(7), new TimeOnly(15, 0), workingDay: true));
    }

    [Fact]
    public void On_a_holiday_nobody_is_on_duty_unless_a_dated_change_says_so()
    {
        Assert.Empty(Roster.OnDuty(Monday, new TimeOnly(9, 0), workingDay: false));
        Assert.Equal(["chen.jing"], Roster.OnDuty(Tuesday, new TimeOnly(9, 0), workingDay: false));
    }

    [Fact]
    public void A_make_up_working_day_without_shifts_of_its_own_weekday_follows_mondays()
    {
        Assert.Equal(["wang.fang", "li.na"], Roster.OnDuty(Saturday, new TimeOnly(9, 0), workingDay: true));
        Assert.Empty(Roster.OnDuty(Saturday, new TimeOnly(9, 0), workingDay: false));
    }

    [Fact]
    public void In_working_time_the_call_rings_for_the_agents_on_duty()
    {
        var at = _calendar.At(Monday, new TimeOnly(10, 0));

        var duty = HotlineDuty.Resolve(Roster, _calendar, at);

        Assert.Equal((true, true, false), (duty.RosterKept, duty.WorkingTime, duty.Forwarded));
        Assert.Equal(["wang.fang", "li.na"], duty.OnDuty);
    }

    [Fact]
    public void An_evening_shift_outside_working_time_still_takes_the_call()
    {
        var duty = HotlineDuty.Resolve(Roster, _calendar, _calendar.At(Tuesday.AddDays(7), new TimeOnly(18, 0)));

        Assert.Equal((false, false), (duty.WorkingTime, duty.Forwarded));
        Assert.Equal(["zhao.lei"], duty.OnDuty);
    }

    [Fact]
    public void A_gap_in_the_roster_in_working_time_rings_for_the_whole_group()
    {
        var lunchGapOnTuesday = _calendar.At(Tuesday, new TimeOnly(14, 0));

        var duty = HotlineDuty.Resolve(Roster, _calendar, lunchGapOnTuesday);

        Assert.Equal((true, true, false), (duty.RosterKept, duty.WorkingTime, duty.Forwarded));
        Assert.Empty(duty.OnDuty);
    }

    [Fact]
    public void After_hours_the_call_is_forwarded_and_called_back_at_the_next_working_period()
    {
        var mondayNight = _calendar.At(Monday, new TimeOnly(20, 15));

        var duty = HotlineDuty.Resolve(Roster, _calendar, mondayNight);

        Assert.True(duty.Forwarded);
        Assert.Equal(("13800138000", _calendar.At(Tuesday, Morning)), (duty.ForwardedTo, duty.CallBackAt));
        Assert.Empty(duty.OnDuty);
    }

    [Fact]
    public void On_a_holiday_the_call_is_forwarded_and_called_back_on_the_next_working_day_a_make_up_saturday_included()
    {
        var friday = new DateOnly(2026, 2, 27);
        _calendar.Holidays.Add(friday);
        _calendar.MakeUpDays.Add(Saturday);

        var duty = HotlineDuty.Resolve(Roster, _calendar, _calendar.At(friday, new TimeOnly(10, 0)));

        Assert.Equal(_calendar.At(Saturday, Morning), duty.CallBackAt);
        // On the make-up Saturday itself the Monday pattern is on duty.
        Assert.Equal(["wang.fang", "li.na"], HotlineDuty.Resolve(Roster, _calendar, _calendar.At(Saturday, new TimeOnly(9, 0))).OnDuty);
    }

    [Fact]
    public void Without_a_roster_every_call_rings_for_the_whole_group_at_any_hour()
    {
        var duty = HotlineDuty.Resolve(DutyRoster.Empty, _calendar, _calendar.At(Saturday, new TimeOnly(3, 0)));

        Assert.Equal((false, false), (duty.RosterKept, duty.Forwarded));
        Assert.Empty(duty.OnDuty);
    }

    [Fact]
    public void The_rules_refuse_a_shift_ending_before_it_starts_a_shift_without_agents_and_a_mobile_that_is_no_number()
    {
        var errors = DutyRosterRules.Check(new DutyRoster(
            [new WeeklyShift(DayOfWeek.Monday, Noon, Morning, ["wang.fang"]), new WeeklyShift(DayOfWeek.Friday, Morning, Noon, [])],
            [new DatedShift(Tuesday, Morning, Noon, [])],
            "call me"));

        Assert.Equal(["weekly[0].end", "weekly[1].agents", "forwardingMobile"], errors.Select(e => e.Field));
    }
}
