using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// <c>POST /api/messages</c> delivers a message to the instance waiting for it by business key:
/// the PBX reports a caller who hung up, and the ringing call becomes a missed call to call back. A message
/// nobody waits for is a 404.
/// </summary>
public sealed class MessageCorrelationTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<Guid> RingingAsync(string callId)
    {
        var admin = await service.As("admin");
        return await admin.StartAsync("hotline-call", new { callId, from = "+86 21 5555 0100", to = "400-820-0000", ringSeconds = 5 },
            callId);
    }

    [Fact]
    public async Task Call_ended_for_a_ringing_call_records_a_missed_call_and_offers_the_hotline_a_call_back()
    {
        var id = await RingingAsync("pbx-call-0815");
        var agent = await service.As("agent");

        var delivered = await agent.PostJsonAsync("/api/messages", new { name = "call-ended", businessKey = "pbx-call-0815" },
            HttpStatusCode.OK);

        Assert.Equal(id, delivered.GetProperty("instanceId").GetGuid());
        Assert.False(delivered.GetProperty("startedInstance").GetBoolean());
        // The ringing task is gone; the hotline group is offered the call-back instead.
        var manager = await service.As("manager");
        ServiceFixture.AssertShape(await manager.InstanceAsync(id), "Running", ["callBack"]);
        Assert.Equal(["callBack"], (await agent.TasksAsync(id)).Select(t => t.GetProperty("elementId").GetString()));
        var history = await manager.HistoryAsync(id);
        Assert.Contains(history, h => h.GetProperty("elementId").GetString() == "missedCall" && h.GetProperty("event").GetString() == "entered");
        Assert.Contains(history, h => h.GetProperty("elementId").GetString() == "answerCall" && h.GetProperty("event").GetString() == "interrupted");
    }

    [Fact]
    public async Task Call_ended_reaches_only_the_call_with_that_business_key()
    {
        var other = await RingingAsync("pbx-call-0816");
        var target = await RingingAsync("pbx-call-0817");
        var agent = await service.As("agent");

        await agent.PostJsonAsync("/api/messages", new { name = "call-ended", businessKey = "pbx-call-0817" }, HttpStatusCode.OK);

        ServiceFixture.AssertShape(await (await service.As("manager")).InstanceAsync(target), "Running", ["callBack"]);
        ServiceFixture.AssertShape(await agent.InstanceAsync(other), "Running", ["answerCall"],
            ("threeRingsTimer", (await agent.InstanceAsync(other)).GetProperty("pendingTimers")[0].GetProperty("dueAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_message_nothing_waits_for_is_a_404_that_says_so()
    {
        var agent = await service.As("agent");
        await RingingAsync("pbx-call-0900");
        await agent.PostJsonAsync("/api/messages", new { name = "call-ended", businessKey = "pbx-call-0900" }, HttpStatusCode.OK);
        var answered = await RingingAsync("pbx-call-0901");
        await agent.CompleteAsync(answered, "answerCall", new { });

        var again = await agent.PostAsync("/api/messages", new { name = "call-ended", businessKey = "pbx-call-0900" });
        var afterAnswer = await agent.PostAsync("/api/messages", new { name = "call-ended", businessKey = "pbx-call-0901" });
        var unknown = await agent.PostAsync("/api/messages", new { name = "call-ended", businessKey = "no-such-call" });

        await ApiClient.Expect(again, HttpStatusCode.NotFound);
        await ApiClient.Expect(afterAnswer, HttpStatusCode.NotFound);
        await ApiClient.Expect(unknown, HttpStatusCode.NotFound);
        Assert.Equal(["logCall"], (await agent.TasksAsync(answered)).Select(t => t.GetProperty("elementId").GetString()));
        Assert.Contains("Nothing waits for message 'call-ended' with business key 'no-such-call'", await unknown.Content.ReadAsStringAsync());
    }
}
