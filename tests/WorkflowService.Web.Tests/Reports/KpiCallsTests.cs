using System.Net;
using System.Text.Json;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The three-ring rate from real calls: the PBX rings the hotline three times, agents answer two, the third rings out
/// (one-second rings: the three-rings rule breaks after three seconds) and its breach is what makes it missed.
/// </summary>
public sealed class KpiCallsTests(QuickRingHost shared) : IClassFixture<QuickRingHost>
{
    [Fact]
    public async Task Three_real_calls_with_one_rung_out_give_two_answered_in_time_of_three()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var pbx = new Telephony(shared.Host.CreateClient());
        string[] calls = [Telephony.NewCallId(), Telephony.NewCallId(), Telephony.NewCallId()];
        foreach (var call in calls) await ApiClient.Expect(await pbx.RingAsync(call), HttpStatusCode.Created);
        await ApiClient.Expect(await pbx.AnsweredAsync(calls[0], to: "agent"), HttpStatusCode.OK);
        await ApiClient.Expect(await pbx.AnsweredAsync(calls[1], to: "agent2"), HttpStatusCode.OK);
        var manager = await shared.As("manager");
        var to = DateTimeOffset.UtcNow.AddMinutes(1); // the breach is detected three seconds after the ring: in the period too
        var url = $"/api/reports/kpis?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

        var kpis = await Poll.ForAsync(() => manager.GetJsonAsync(url),
            k => k.GetProperty("breachesByRule").GetProperty("three-rings").GetInt32() > 0, "the third call rings out", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the answered calls' three rings are over too: still no breach of theirs
        kpis = await manager.GetJsonAsync(url);

        Assert.Equal(3, kpis.GetProperty("calls").GetInt32());
        Assert.Equal(2, kpis.GetProperty("callsAnsweredInTime").GetInt32());
        Assert.Equal(2.0 / 3, kpis.GetProperty("threeRingRate").GetDouble(), 1e-9);
        Assert.Equal(1, kpis.GetProperty("breachesByRule").GetProperty("three-rings").GetInt32());
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("repairOnTimeRate").ValueKind);
    }
}
