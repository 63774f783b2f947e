using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped hotline-call process (来电) through the runtime's services: a ringing call answered and
/// logged, and a call nobody answers within three rings alerting the supervisor by email.
/// </summary>
public sealed class HotlineCallProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const int RingSeconds = 5;

    /// <summary>A ringing call, started as the telephony host would: hotline-call is not for agents to start.</summary>
    private async Task<Guid> RingingAsync(string callId, string from)
    {
        var admin = service.As("admin");
        return await admin.StartAsync("hotline-call", new { callId, from, to = "400-820-0000", ringSeconds = RingSeconds }, callId);
    }

    [Fact]
    public async Task An_answered_call_is_logged_by_the_agent_who_answered_and_completes_as_a_consultation()
    {
        var id = await RingingAsync("call-happy-1", "+86 138 0000 0001");
        var agent = service.As("agent");
        AssertShape(await agent.InstanceAsync(id), "Running", ["answerCall"],
            ("threeRingsTimer", service.Clock.GetUtcNow() + TimeSpan.FromSeconds(3 * RingSeconds)));
        var ringing = Assert.Single(await service.As("agent2").TasksAsync(id));
        Assert.Equal(90, ringing.Priority);

        await agent.CompleteAsync(id, "answerCall", new { });
        var log = Assert.Single(await agent.TasksAsync(id));
        Assert.Equal("agent", log.Assignee);
        Assert.Empty(await service.As("agent2").TasksAsync(id));
        await agent.CompleteAsync(id, "logCall", new { customerName = "Zhang Min", requestType = "consultation", notes = "Asked for a manual" });

        AssertShape(await agent.InstanceAsync(id), "Completed", []);
        var history = await agent.HistoryAsync(id);
        Assert.Contains(history, h => h.ElementId == "consultationAnswered");
    }

    [Fact]
    public async Task The_agent_who_completes_the_answer_task_is_recorded_whatever_the_client_sends_as_answeredBy()
    {
        var id = await RingingAsync("call-spoof-1", "+86 138 0000 0003");
        var agent2 = service.As("agent2");

        await agent2.CompleteAsync(id, "answerCall", new { answeredBy = "agent" });

        Assert.Equal("agent2", (await agent2.InstanceAsync(id)).State.Variables["answeredBy"].GetString());
        var log = Assert.Single(await agent2.TasksAsync(id));
        Assert.Equal("agent2", log.Assignee);
        Assert.Empty(await service.As("agent").TasksAsync(id));
    }

    [Fact]
    public async Task A_call_not_answered_within_three_rings_alerts_the_supervisor_by_email_and_keeps_ringing()
    {
        var id = await RingingAsync("call-missed-1", "+86 139 0000 0042");

        await service.AdvanceAsync(TimeSpan.FromSeconds(3 * RingSeconds + 1));

        var mail = await service.ExpectEscalationAsync(id, "three-rings", "+86 139 0000 0042");
        Assert.Contains("Hotline call from +86 139 0000 0042 not answered within three rings", mail.Subject);
        var agent = service.As("agent");
        AssertShape(await agent.InstanceAsync(id), "Running", ["answerCall"]);
        await agent.CompleteAsync(id, "answerCall", new { });
        await agent.FinishAsync(id, "logCall", new { requestType = "repair" });
    }
}
