using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Notifications.Robots;

namespace WorkflowService.Runtime.Tests.Notifications.Robots;

/// <summary><c>Notifications:Robots</c> as settings give it: comma-separated or arrays, checked at start-up.</summary>
public sealed class RobotSettingsTests
{
    private static RobotSettings Bind(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        RobotRegistration.Add(services, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider().GetRequiredService<IOptions<RobotSettings>>().Value;
    }

    [Fact]
    public void Events_and_groups_may_be_comma_separated_or_arrays()
    {
        var settings = Bind(new()
        {
            ["Notifications:Robots:0:Name"] = "a", ["Notifications:Robots:0:Kind"] = "Feishu", ["Notifications:Robots:0:Url"] = "https://x.example/hook/1",
            ["Notifications:Robots:0:Events"] = "breach, warning", ["Notifications:Robots:0:Groups"] = "engineers",
            ["Notifications:Robots:1:Name"] = "b", ["Notifications:Robots:1:Kind"] = "DingTalk", ["Notifications:Robots:1:Url"] = "https://x.example/send?t=2",
            ["Notifications:Robots:1:Events:0"] = "missed-call", ["Notifications:Robots:1:Events:1"] = "daily-report",
            ["Notifications:Robots:1:Groups:0"] = "hotline",
            ["Notifications:RobotRetryDelays:0"] = "00:00:10",
        });

        var robots = new RobotDirectory(Options.Create(settings)).FromSettings;
        Assert.Equal(["breach", "warning"], robots[0].Events.Order());
        Assert.Equal(["engineers"], robots[0].Groups);
        Assert.Equal(["daily-report", "missed-call"], robots[1].Events.Order());
        Assert.Equal(["hotline"], robots[1].Groups);
        Assert.Equal(RobotKind.DingTalk, robots[1].Kind);
        Assert.Equal([TimeSpan.FromSeconds(10)], settings.EffectiveRetryDelays);
    }

    [Theory]
    [InlineData("https://x.example/hook", "lunch")]
    [InlineData("not a url", "breach")]
    public void A_robot_with_an_unknown_event_or_a_bad_url_stops_the_start(string url, string events) =>
        Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Notifications:Robots:0:Name"] = "a", ["Notifications:Robots:0:Kind"] = "WeCom",
            ["Notifications:Robots:0:Url"] = url, ["Notifications:Robots:0:Events"] = events,
        }));

    [Fact]
    public void An_unknown_kind_stops_the_start_and_says_which_robot()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind(new()
        {
            ["Notifications:Robots:0:Name"] = "a", ["Notifications:Robots:0:Kind"] = "Slack",
            ["Notifications:Robots:0:Url"] = "https://x.example/hook", ["Notifications:Robots:0:Events"] = "breach",
        }));
        Assert.Equal("Notifications:Robots:0:Kind is 'Slack': use WeCom, DingTalk or Feishu", error.Message);
    }
}

public sealed class RobotPacerTests
{
    private static Robot Robot(string name, RobotKind kind) =>
        new(name, kind, "https://x.example/", null, new HashSet<string>(), new HashSet<string>(), RobotSource.Settings);

    [Fact]
    public void A_second_message_to_a_robot_within_its_spacing_comes_back_when_the_robot_is_free()
    {
        var pacer = new RobotPacer();
        var now = new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);

        Assert.Null(pacer.Reserve(Robot("desk", RobotKind.DingTalk), now));
        Assert.Equal(now.AddSeconds(3), pacer.Reserve(Robot("DESK", RobotKind.DingTalk), now.AddSeconds(1)));
        Assert.Null(pacer.Reserve(Robot("other", RobotKind.WeCom), now.AddSeconds(1)));
        Assert.Null(pacer.Reserve(Robot("desk", RobotKind.DingTalk), now.AddSeconds(3)));
        Assert.Null(pacer.Reserve(Robot("lark", RobotKind.Feishu), now));
        Assert.Null(pacer.Reserve(Robot("lark", RobotKind.Feishu), now.AddMilliseconds(600)));
    }
}
