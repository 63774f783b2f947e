using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/hotline-call.bpmn with the duty roster's variables: onDuty, or forwardedTo and callBackAt after hours.</summary>
public sealed class HotlineDutyScenarioTests
{
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    [Fact]
    public void A_call_rings_only_for_the_agents_on_duty_and_its_three_rings_breach_is_charged_to_them()
    {
        var sim = Simulation.Start(ShippedProcesses.HotlineCall,
            new { callId = "C-1", from = "139", to = "400", ringSeconds = 5, onDuty = "wang.fang,li.na" });

        var answer = sim.Task("answerCall");
        Assert.Equal(["wang.fang", "li.na"], answer.CandidateUsers.ToArray());
        Assert.Empty(answer.CandidateGroups);

        sim.AdvanceBy(TimeSpan.FromSeconds(16));
        var breach = sim.AssertSingleBreach("three-rings", "threeRingsTimer", Epoch.AddSeconds(15));
        Assert.Equal(("wang.fang,li.na", "hotline"), (breach.Responsible, breach.ResponsibleGroup));
        Assert.Null(breach.ResponsibleNote);
    }

    [Fact]
    public void Without_onDuty_the_call_rings_for_the_whole_hotline_group_and_the_breach_names_no_person()
    {
        var sim = Simulation.Start(ShippedProcesses.HotlineCall, new { callId = "C-2", from = "139", to = "400", ringSeconds = 5 });

        var answer = sim.AssertOpenFor("answerCall", ["hotline"]);
        Assert.Empty(answer.CandidateUsers);
        sim.AdvanceBy(TimeSpan.FromSeconds(16));
        var breach = sim.AssertSingleBreach("three-rings", "threeRingsTimer", Epoch.AddSeconds(15));
        Assert.Equal((null, "hotline"), (breach.Responsible, breach.ResponsibleGroup));
        // The host then charges the late task's groups (hotline); the note says why no person was named.
        Assert.Contains("gave nobody", breach.ResponsibleNote);
    }

    [Fact]
    public void An_after_hours_call_rings_nowhere_and_opens_its_call_back_at_the_next_working_period()
    {
        var nextMorning = Epoch.AddHours(13.5);
        var sim = Simulation.Start(ShippedProcesses.HotlineCall, new
        {
            callId = "C-3", from = "139", to = "400", ringSeconds = 5, forwardedTo = "13800138000", callBackAt = nextMorning.ToString("O"),
        });

        Assert.False(sim.HasTask("answerCall"));
        Assert.False(sim.HasTask("callBack"));
        var wait = Assert.Single(sim.PendingTimers.Values);
        Assert.Equal(("nextWorkingPeriod", nextMorning, null), (wait.ElementId, wait.DueAt, wait.SlaRule));

        sim.AdvanceTo(nextMorning.AddMilliseconds(-1));
        Assert.False(sim.HasTask("callBack"));
        sim.AdvanceTo(nextMorning);

        var callBack = sim.AssertOpenFor("callBack", ["hotline"]);
        Assert.Equal(nextMorning.AddHours(4), callBack.DueAt);
        Assert.Empty(sim.Breaches);
        sim.Submit("callBack", new { reached = true }, by: "wang.fang");
        Assert.True(sim.IsCompleted);
        Assert.Equal(["callRinging", "workingTimeGateway", "callForwarded", "nextWorkingPeriod", "callBack", "calledBack"], sim.Path);
    }

    [Fact]
    public void A_call_back_is_due_four_working_hours_after_it_opens_so_a_late_afternoon_miss_is_due_the_next_working_morning()
    {
        // Friday 4 December 2026, 16:00 in Shanghai: 1.5 working hours are left that day, 2.5 more on Monday from 08:30.
        var friday = new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.FromHours(8));
        var interpreter = new Interpreter(new InterpreterOptions { Calendars = TestCalendars.Of(TestCalendars.Shipped()) });
        var sim = Simulation.Start(ShippedProcesses.HotlineCall, new { callId = "C-9", from = "139", to = "400", ringSeconds = 5 },
            at: friday, interpreter: interpreter);

        sim.AdvanceBy(TimeSpan.FromSeconds(8));
        sim.SendMessage("call-ended");

        var callBack = sim.AssertOpenFor("callBack", ["hotline"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 11, 0, 8, TimeSpan.FromHours(8)), callBack.DueAt);
    }
}
