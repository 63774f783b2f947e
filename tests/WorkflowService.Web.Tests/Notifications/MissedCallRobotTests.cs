using System.Net;
using WorkflowService.Testing;
using WorkflowService.Testing.Robots;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>
/// A missed hotline call reaches the robots subscribed to <c>missed-call</c> (the shipped <c>missedCall</c> event says
/// <c>notify="missed-call"</c>, about group hotline), and not a robot limited to the engineers.
/// </summary>
public sealed class MissedCallRobotTests : IAsyncLifetime
{
    private RobotSink _sink = null!;
    private WorkflowHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = await RobotSink.StartAsync();
        var settings = Telephony.Settings();
        settings["Notifications:Robots:0:Name"] = "热线群"; settings["Notifications:Robots:0:Kind"] = "Feishu";
        settings["Notifications:Robots:0:Url"] = _sink.FeishuUrl("hotline"); settings["Notifications:Robots:0:Secret"] = RobotSink.FeishuSecret;
        settings["Notifications:Robots:0:Events"] = "missed-call"; settings["Notifications:Robots:0:Groups"] = "hotline";
        settings["Notifications:Robots:1:Name"] = "工程师群"; settings["Notifications:Robots:1:Kind"] = "WeCom";
        settings["Notifications:Robots:1:Url"] = _sink.WeComUrl("engineers"); settings["Notifications:Robots:1:Events"] = "missed-call,breach";
        settings["Notifications:Robots:1:Groups"] = "engineers";
        _host = new WorkflowHost(new HostSettings { Settings = settings });
        _ = _host.Server;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task A_missed_call_is_posted_once_to_the_hotline_robot_with_the_callers_number()
    {
        var pbx = new Telephony(_host.CreateClient());
        var callId = Telephony.NewCallId();
        await ApiClient.Expect(await pbx.RingAsync(callId, from: "+86 139 0571 2233"), HttpStatusCode.Created);
        await ApiClient.Expect(await pbx.EndedAsync(callId), HttpStatusCode.OK);

        await Poll.UntilAsync(() => !_sink.Hits.IsEmpty, "the hotline robot is posted to");
        await _host.WaitForIdleJobsAsync();
        await Task.Delay(300);

        var hit = Assert.Single(_sink.Hits);
        Assert.Equal("feishu", hit.Kind);
        Assert.True(hit.SignatureValid);
        var card = hit.Json.GetProperty("card");
        Assert.Equal("【未接来电】+86 139 0571 2233", card.GetProperty("header").GetProperty("title").GetProperty("content").GetString());
        Assert.Contains("请尽快回拨", card.GetProperty("elements")[0].GetProperty("text").GetProperty("content").GetString());
    }
}
