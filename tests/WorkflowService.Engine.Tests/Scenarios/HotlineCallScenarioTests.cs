using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/hotline-call.bpmn: 来电, answered within three rings, logged, or missed when the caller hangs up and called back.</summary>
public sealed class HotlineCallScenarioTests
{
    private const string Caller = "+86 139 0571 2233";
    private const string Agent = "wang.fang";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Ringing(double ringSeconds = 5) =>
        Simulation.Start(ShippedProcesses.HotlineCall, new { callId = "C-20260302-0017", from = Caller, to = "400-820-8820", ringSeconds });

    /// <summary>Answering has no form: the engine records who completed the task as answeredBy.</summary>
    private static void Answer(Simulation sim) => sim.Submit("answerCall", by: Agent);

    private static void Log(Simulation sim, string requestType) =>
        sim.Submit("logCall", new { customerName = "Mr. Ma", requestType, notes = "Asked about toner" }, by: Agent);

    [Fact]
    public void An_answered_consultation_is_logged_by_the_agent_who_answered_it()
    {
        var sim = Ringing();
        var answer = sim.AssertOpenFor("answerCall", ["hotline"]);
        Assert.Equal((90, Epoch.AddSeconds(15)), (answer.Priority, answer.DueAt));

        Answer(sim);
        sim.AssertOpenFor("logCall", ["hotline"], assignee: Agent);
        Log(sim, "consultation");

        Assert.True(sim.IsCompleted);
        Assert.Equal(["callRinging", "workingTimeGateway", "answerCall", "logCall", "requestTypeGateway", "consultationAnswered"], sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
        Assert.Empty(sim.MessageWaits);
    }

    [Theory]
    [InlineData("repair")]
    [InlineData("training")]
    [InlineData("replacement")]
    [InlineData("complaint")]
    public void A_call_that_is_a_service_request_ends_as_a_registered_request(string requestType)
    {
        var sim = Ringing();
        Answer(sim);
        Log(sim, requestType);

        Assert.True(sim.IsCompleted);
        Assert.Equal("requestRegistered", sim.Path.Last());
    }

    [Theory]
    [InlineData(4, 12)]
    [InlineData(5, 15)]
    [InlineData(5.5, 16.5)]
    [InlineData(6, 18)]
    public void The_three_rings_deadline_is_three_times_the_ring_cadence(double ringSeconds, double deadlineSeconds)
    {
        var sim = Ringing(ringSeconds);

        var timer = Assert.Single(sim.PendingTimers.Values);
        Assert.Equal(("threeRingsTimer", Epoch.AddSeconds(deadlineSeconds), "three-rings"), (timer.ElementId, timer.DueAt, timer.SlaRule));
        sim.AdvanceTo(timer.DueAt.AddMilliseconds(-1));
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void A_call_not_answered_within_three_rings_is_a_breach_alerting_the_supervisor_and_can_still_be_answered()
    {
        var sim = Ringing();

        sim.AdvanceBy(TimeSpan.FromSeconds(20));

        sim.AssertSingleBreach("three-rings", "threeRingsTimer", Epoch.AddSeconds(15));
        Assert.Equal($"来电 {Caller} 未在三声铃响内接听 / Hotline call from {Caller} not answered within three rings",
            sim.AssertEscalationEmail("alertSupervisor", "three-rings"));
        Assert.True(sim.HasTask("answerCall"));
        sim.CompleteExternalTask("alertSupervisor");

        Answer(sim);
        Log(sim, "repair");
        Assert.True(sim.IsCompleted);
        Assert.Equal(["callRinging", "workingTimeGateway", "threeRingsTimer", "alertSupervisor", "supervisorAlerted", "answerCall"], sim.Path.Take(6));
    }

    [Fact]
    public void A_caller_hanging_up_before_an_answer_cancels_the_answer_task_and_opens_a_same_day_call_back_for_the_hotline()
    {
        var sim = Ringing();
        sim.AdvanceBy(TimeSpan.FromSeconds(8));

        sim.SendMessage("call-ended");

        Assert.False(sim.IsCompleted);
        Assert.Contains(sim.Commands, c => c is CancelUserTask { ElementId: "answerCall" });
        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "threeRingsTimer" });
        Assert.Equal(["callRinging", "workingTimeGateway", "callEnded", "missedCall"], sim.Path);
        Assert.Empty(sim.Breaches);
        var callBack = sim.AssertOpenFor("callBack", ["hotline"]);
        Assert.Equal(Epoch.AddSeconds(8).AddHours(4), callBack.DueAt);
        Assert.Empty(sim.MessageWaits);
        Assert.Empty(sim.PendingTimers);

        sim.Submit("callBack", new { reached = true, callBackNotes = "Wanted the toner price" }, by: Agent);

        Assert.True(sim.IsCompleted);
        Assert.Equal(["callRinging", "workingTimeGateway", "callEnded", "missedCall", "callBack", "calledBack"], sim.Path);
        Assert.Empty(sim.OpenTasks);
    }

    [Fact]
    public void A_caller_hanging_up_after_three_rings_leaves_the_breach_and_ends_when_alerted_and_called_back()
    {
        var sim = Ringing();
        sim.AdvanceBy(TimeSpan.FromSeconds(16));

        sim.SendMessage("call-ended");

        sim.AssertSingleBreach("three-rings", "threeRingsTimer", Epoch.AddSeconds(15));
        Assert.False(sim.HasTask("answerCall"));
        Assert.False(sim.IsCompleted, "the supervisor alert is still being sent");
        sim.CompleteExternalTask("alertSupervisor");
        Assert.Contains("missedCall", sim.Path);
        Assert.False(sim.IsCompleted, "the caller is still to be called back");
        sim.AssertOpenFor("callBack", ["hotline"]);
        sim.Submit("callBack", new { reached = false }, by: Agent);
        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void A_call_answered_within_three_rings_records_no_breach_and_stops_listening_for_a_hang_up()
    {
        var sim = Ringing();
        sim.AdvanceBy(TimeSpan.FromSeconds(14));
        Answer(sim);

        Assert.Empty(sim.PendingTimers);
        Assert.Empty(sim.MessageWaits);
        Assert.Contains(sim.Commands, c => c is CancelMessageSubscription { ElementId: "callEnded" });
        sim.AdvanceBy(TimeSpan.FromMinutes(5));
        Log(sim, "consultation");
        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void The_agent_who_completes_the_answer_task_is_recorded_as_answeredBy_whatever_was_submitted()
    {
        var sim = Ringing();

        sim.CompleteTask("answerCall", new { answeredBy = "someone.else" }, by: Agent);

        Assert.Equal(Agent, sim.Variable("answeredBy").GetString());
        sim.AssertOpenFor("logCall", ["hotline"], assignee: Agent);
    }

    [Fact]
    public void The_log_form_refuses_an_unknown_request_type()
    {
        var badType = TaskForms.Validate(ShippedProcesses.HotlineCall, "logCall", new { requestType = "sales" });

        Assert.Equal(("requestType", "enum"), Assert.Single(badType.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
