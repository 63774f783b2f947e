using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Testing;
using WorkflowService.Testing.Robots;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>The service on a fake clock with one robot in settings (<c>ops</c>, WeCom, breaches) posting to an in-process sink.</summary>
public sealed class RobotClockHost : HostFixture
{
    public FakeTimeProvider Clock { get; } = HostSettings.FakeClock();
    public RobotSink Sink { get; private set; } = null!;

    protected override async Task<HostSettings> SettingsAsync()
    {
        Sink = await RobotSink.StartAsync();
        return new HostSettings
        {
            Clock = Clock,
            Settings = new()
            {
                ["Notifications:Robots:0:Name"] = "ops", ["Notifications:Robots:0:Kind"] = "WeCom",
                ["Notifications:Robots:0:Url"] = Sink.WeComUrl("timeline"), ["Notifications:Robots:0:Events"] = "breach",
            },
        };
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Host.SweepDueTimersAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

/// <summary>An order's timeline shows what its process posted to a group robot, as it shows its emails.</summary>
public sealed class OrderTimelineRobotTests(RobotClockHost service) : IClassFixture<RobotClockHost>
{
    [Fact]
    public async Task A_breach_posted_to_a_robot_shows_in_the_orders_timeline_with_the_robot_and_whether_it_went()
    {
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "机器人时间线测试有限公司", "regular", ("周工", null, "13900007777"));
        var opened = await RecordsApiTests.OpenAsync(agent, "repair", customer, []);
        var number = opened.GetProperty("number").GetString()!;

        // Nobody accepts within 24 h: the acceptance breach is posted to the robot subscribed to breaches.
        await service.AdvanceAsync(TimeSpan.FromHours(25));
        await Poll.UntilAsync(() => !service.Sink.Hits.IsEmpty, "the robot is posted to");
        List<JsonElement> robots = [];
        await Poll.UntilAsync(async () =>
        {
            robots = [.. (await agent.GetJsonAsync($"/api/orders/{number}")).GetProperty("timeline").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "robot")];
            return robots.Count == 1 && robots[0].GetProperty("detail").GetString() == "Sent";
        }, "the robot's message is in the order's timeline, sent");

        Assert.Equal("ops", robots[0].GetProperty("by").GetString());
        Assert.False(string.IsNullOrEmpty(robots[0].GetProperty("what").GetString()));
        var page = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await page.PageAsync($"/orders/{number}");
        var row = page.Text("data-kind", "robot");
        Assert.Contains("群机器人", row);
        Assert.Contains("已发送", row);
        Assert.Contains("发至: ops", row);
        Assert.DoesNotContain("Sent", row);
    }
}
