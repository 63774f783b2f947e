using WorkflowService.Testing.Robots;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Notifications.Robots;

/// <summary>The <c>notify</c> topic: a process posts to a robot by name, or to the robots of an event.</summary>
public sealed class NotifyTopicTests : IAsyncLifetime
{
    private RobotSink _sink = null!;
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = await RobotSink.StartAsync();
        _host = await RuntimeHost.StartAsync(new RuntimeSettings
        {
            Settings = new()
            {
                ["Notifications:Robots:0:Name"] = "工程部群", ["Notifications:Robots:0:Kind"] = "DingTalk",
                ["Notifications:Robots:0:Url"] = _sink.DingTalkUrl("engineers-group"),
                ["Notifications:Robots:0:Secret"] = RobotSink.DingTalkSecret,
                ["Notifications:Robots:1:Name"] = "calls", ["Notifications:Robots:1:Kind"] = "Feishu",
                ["Notifications:Robots:1:Url"] = _sink.FeishuUrl("calls"), ["Notifications:Robots:1:Secret"] = RobotSink.FeishuSecret,
                ["Notifications:Robots:1:Events"] = "missed-call",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
        await _sink.DisposeAsync();
    }

    private static string Notifying(string key, string inputs) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:sendTask id="post" name="通知群" camunda:type="external" camunda:topic="notify">
          <bpmn:extensionElements><camunda:inputOutput>{inputs}</camunda:inputOutput></bpmn:extensionElements>
        </bpmn:sendTask>
        <bpmn:userTask id="work" name="处理" camunda:candidateGroups="engineers" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "post", "work", "done")}
        """);

    [Fact]
    public async Task A_notify_task_posts_to_the_robot_it_names_and_the_process_moves_on()
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(Notifying("notify-named", """
            <camunda:inputParameter name="robot">工程部群</camunda:inputParameter>
            <camunda:inputParameter name="title">新工单 ${customer}</camunda:inputParameter>
            <camunda:inputParameter name="text">请工程师尽快上门</camunda:inputParameter>
            """));
        var id = await owner.StartAsync(key, new { customer = "华为" }, "RP-7");

        await Poll.UntilAsync(() => !_sink.Hits.IsEmpty, "the robot is posted to");
        await _host.WaitForIdleJobsAsync();
        await Task.Delay(300);

        var hit = Assert.Single(_sink.Hits);
        Assert.True(hit.SignatureValid);
        Assert.StartsWith("?access_token=engineers-group&", hit.Query);
        var markdown = hit.Json.GetProperty("markdown");
        Assert.Equal("新工单 华为 · RP-7", markdown.GetProperty("title").GetString());
        Assert.Contains("请工程师尽快上门", markdown.GetProperty("text").GetString());
        Assert.Contains($"(http://workflow.test/instances/{id})", markdown.GetProperty("text").GetString());
        Assert.Equal(["work"], (await owner.InstanceAsync(id)).ActiveElementIds);
    }

    [Fact]
    public async Task A_notify_task_with_an_event_posts_to_the_robots_subscribed_to_it()
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(Notifying("notify-event", """<camunda:inputParameter name="event">missed-call</camunda:inputParameter>"""));
        await owner.StartAsync(key, new { from = "+86 21 5555 0101" });

        await Poll.UntilAsync(() => !_sink.Hits.IsEmpty, "the robot is posted to");
        await _host.WaitForIdleJobsAsync();
        await Task.Delay(300);

        var hit = Assert.Single(_sink.Hits);
        Assert.Equal("feishu", hit.Kind);
        Assert.Equal("【未接来电】+86 21 5555 0101", hit.Json.GetProperty("card").GetProperty("header").GetProperty("title").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""<camunda:inputParameter name="robot">nobody</camunda:inputParameter>""", "no robot is named 'nobody'")]
    [InlineData("""<camunda:inputParameter name="robot">calls</camunda:inputParameter><camunda:inputParameter name="template">robot-none</camunda:inputParameter>""",
        "robot template 'robot-none' does not exist")]
    [InlineData("""<camunda:inputParameter name="event">lunch</camunda:inputParameter>""", "unknown event 'lunch'")]
    [InlineData("", "names no robot")]
    public async Task An_unknown_robot_event_or_template_is_an_incident_that_says_so(string inputs, string message)
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(Notifying($"notify-bad-{Math.Abs(message.GetHashCode(StringComparison.Ordinal))}", inputs));
        var id = await owner.StartAsync(key);

        var incident = Assert.Single((await owner.InstanceAsync(id)).State.Incidents);
        Assert.Contains(message, incident.Message);
        Assert.Contains("Notify task 'post'", incident.Message);
        Assert.True(_sink.Hits.IsEmpty);
    }
}
