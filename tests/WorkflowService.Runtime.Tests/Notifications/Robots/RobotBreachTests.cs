using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing.Robots;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Notifications.Robots;

/// <summary>
/// A breach reaches the group robots through the outbox: the runtime as composed (real SQLite, real Hangfire,
/// real clock) posts to an in-process sink standing in for WeCom, DingTalk and Feishu, which checks signatures.
/// </summary>
public sealed class RobotBreachTests : IAsyncLifetime
{
    private RobotSink _sink = null!;
    private readonly List<RuntimeHost> _hosts = [];

    public async Task InitializeAsync() => _sink = await RobotSink.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        foreach (var host in _hosts) TempFolder.TryDelete(host.Settings.DataDirectory);
        await _sink.DisposeAsync();
    }

    /// <summary>The three kinds, subscribed to breaches; DingTalk and Feishu signed; a short retry.</summary>
    private Dictionary<string, string?> ThreeRobots(string? groups = null) => new()
    {
        ["Notifications:Robots:0:Name"] = "desk-wecom", ["Notifications:Robots:0:Kind"] = "WeCom",
        ["Notifications:Robots:0:Url"] = _sink.WeComUrl(), ["Notifications:Robots:0:Events"] = "breach,warning",
        ["Notifications:Robots:0:Groups"] = groups,
        ["Notifications:Robots:1:Name"] = "desk-dingtalk", ["Notifications:Robots:1:Kind"] = "DingTalk",
        ["Notifications:Robots:1:Url"] = _sink.DingTalkUrl(), ["Notifications:Robots:1:Secret"] = RobotSink.DingTalkSecret,
        ["Notifications:Robots:1:Events"] = "breach", ["Notifications:Robots:1:Groups"] = groups,
        ["Notifications:Robots:2:Name"] = "desk-feishu", ["Notifications:Robots:2:Kind"] = "Feishu",
        ["Notifications:Robots:2:Url"] = _sink.FeishuUrl(), ["Notifications:Robots:2:Secret"] = RobotSink.FeishuSecret,
        ["Notifications:Robots:2:Events"] = "breach", ["Notifications:Robots:2:Groups"] = groups,
        ["Notifications:RobotRetryDelays:0"] = "00:00:00.500",
    };

    private async Task<RuntimeHost> StartAsync(RuntimeSettings settings)
    {
        var host = await RuntimeHost.StartAsync(settings);
        _hosts.Add(host);
        return host;
    }

    private static string LateTask(string key, string group) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" name="处理工单" camunda:candidateGroups="{group}" />
        <bpmn:boundaryEvent id="slaTimer" cancelActivity="false" attachedToRef="work">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="acceptance-24h" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="breachRecorded" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "work", "done")}{TestBpmn.Flows("slaTimer", "breachRecorded")}
        """);

    private static async Task<Guid> BreachAsync(RuntimeHost host, string key, string group, string businessKey = "TS-2026-0815",
        string customer = "上海华为技术有限公司")
    {
        var owner = host.As("owner");
        await owner.DeployAsync(LateTask(key, group));
        var id = await owner.StartAsync(key, new { customer }, businessKey);
        await Poll.ForAsync(() => host.As("manager").BreachesAsync(id), b => b.Count == 1, "the breach is recorded");
        return id;
    }

    private static Task<List<OutboxMessage>> RobotRowsAsync(RuntimeHost host) =>
        host.ReadAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == RobotPayload.Kind).ToListAsync());

    [Fact]
    public async Task A_breach_reaches_each_kind_once_with_its_format_and_a_valid_signature()
    {
        var host = await StartAsync(new RuntimeSettings { Settings = ThreeRobots() });
        var id = await BreachAsync(host, "robot-breach", "engineers");

        await Poll.UntilAsync(() => _sink.Hits.Count >= 3, "the three robots are posted to");
        await host.WaitForIdleJobsAsync();
        var rows = await Poll.ForAsync(() => RobotRowsAsync(host), r => r.All(x => x.Status == OutboxStatus.Sent), "the rows are sent");
        await Task.Delay(300);

        var wecom = Assert.Single(_sink.Of("wecom"));
        var content = wecom.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Equal("markdown", wecom.Json.GetProperty("msgtype").GetString());
        Assert.Contains("【超时】服务请求未在24小时内受理 · TS-2026-0815", content);
        Assert.Contains("上海华为技术有限公司", content);
        Assert.Contains("**责任人**：—（engineers）", content);
        Assert.Contains("(http://workflow.test/tasks/", content);

        var ding = Assert.Single(_sink.Of("dingtalk"));
        Assert.True(ding.SignatureValid, ding.Query);
        Assert.StartsWith("?access_token=ding-token-1&timestamp=", ding.Query);
        Assert.Equal("【超时】服务请求未在24小时内受理 · TS-2026-0815", ding.Json.GetProperty("markdown").GetProperty("title").GetString());

        var feishu = Assert.Single(_sink.Of("feishu"));
        Assert.True(feishu.SignatureValid, feishu.Body);
        Assert.Equal("interactive", feishu.Json.GetProperty("msg_type").GetString());
        Assert.Contains("处理工单", feishu.Json.GetProperty("card").GetProperty("elements")[0].GetProperty("text").GetProperty("content").GetString());

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((id, 1), (r.InstanceId!.Value, r.Attempts)));
    }

    [Fact]
    public async Task A_customer_name_written_as_markdown_or_a_mention_reaches_the_group_as_plain_text()
    {
        var host = await StartAsync(new RuntimeSettings { Settings = ThreeRobots() });
        await BreachAsync(host, "robot-inert", "engineers", customer: "**张总** <@all> [点此](http://evil.example)\n# 紧急");

        await Poll.UntilAsync(() => _sink.Of("wecom").Count == 1, "the WeCom robot is posted to");
        var content = _sink.Of("wecom")[0].Json.GetProperty("markdown").GetProperty("content").GetString()!;

        Assert.Contains("＊＊张总＊＊ ＜@all＞ ［点此］(http://evil.example) ＃ 紧急", content);
        Assert.DoesNotContain("<@all>", content);
        Assert.DoesNotContain("[点此]", content);
        // The template's own markdown stays: bold labels and the link to the task.
        Assert.Contains("**责任人**", content);
        Assert.Contains("(http://workflow.test/tasks/", content);
    }

    [Fact]
    public async Task A_500_or_a_throttle_code_the_first_time_is_retried_and_the_message_arrives_once()
    {
        _sink.AnswerNext("wecom", 500, "oops");
        _sink.AnswerNext("dingtalk", 200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""");
        _sink.AnswerNext("feishu", 200, """{"code":11232,"msg":"frequency limited"}""");
        var host = await StartAsync(new RuntimeSettings { Settings = ThreeRobots() });
        await BreachAsync(host, "robot-retry", "engineers");

        var rows = await Poll.ForAsync(() => RobotRowsAsync(host), r => r.Count == 3 && r.All(x => x.Status == OutboxStatus.Sent),
            "every robot's row is sent after its retry");
        await host.WaitForIdleJobsAsync();
        await Task.Delay(700);

        Assert.All(rows, r => Assert.Equal(2, r.Attempts));
        foreach (var kind in new[] { "wecom", "dingtalk", "feishu" })
        {
            var hits = _sink.Of(kind);
            Assert.Equal(2, hits.Count);
            // The same message both times; only a signature (computed per attempt) may differ.
            Assert.Equal(Message(hits[0]), Message(hits[1]));
            Assert.All(hits, h => Assert.True(h.SignatureValid));
        }
    }

    [Fact]
    public async Task A_non_zero_code_that_is_not_a_throttle_fails_the_row_with_the_code_and_never_the_url()
    {
        _sink.AnswerNext("wecom", 200, """{"errcode":93000,"errmsg":"invalid webhook url, hint: [x], more info at https://open.work.weixin.qq.com/devtool/query?e=93000"}""");
        _sink.AnswerNext("feishu", 500, "busy");
        var logs = new LogSink();
        var settings = ThreeRobots();
        settings["Logging:LogLevel:Default"] = "Debug";
        var host = await StartAsync(new RuntimeSettings { Settings = settings, Services = s => s.AddSingleton<ILoggerProvider>(logs) });
        await BreachAsync(host, "robot-fail", "engineers");

        var rows = await Poll.ForAsync(() => RobotRowsAsync(host), r => r.Count == 3 && r.All(x => x.Status != OutboxStatus.Pending),
            "every row has ended");
        await host.WaitForIdleJobsAsync();

        var failed = Assert.Single(rows, r => r.Status == OutboxStatus.Failed);
        Assert.Equal("HTTP 200, code 93000: invalid webhook url", failed.LastError);
        Assert.Single(_sink.Of("wecom"));
        Assert.DoesNotContain("wecom-key-1", failed.LastError);
        // Every attempt is logged with the robot's name and the outbox id; never a key, token, hook or secret.
        var log = logs.Text;
        Assert.Contains($"Robot outbox {failed.Id} to robot 'desk-wecom' failed for good", log);
        Assert.Contains("to robot 'desk-feishu': attempt 1 failed (HTTP 500", log);
        foreach (var secret in new[] { "wecom-key-1", "ding-token-1", "feishu-hook-1", RobotSink.DingTalkSecret, RobotSink.FeishuSecret, "sign=" })
            Assert.DoesNotContain(secret, log);
    }

    /// <summary>Every log line of the host, formatted, with its exception.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._lines.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }

    [Fact]
    public async Task A_robot_limited_to_engineers_hears_nothing_of_an_agents_task()
    {
        var settings = ThreeRobots(groups: "engineers");
        settings["Notifications:Robots:3:Name"] = "everyone"; settings["Notifications:Robots:3:Kind"] = "WeCom";
        settings["Notifications:Robots:3:Url"] = _sink.WeComUrl("all-groups"); settings["Notifications:Robots:3:Events"] = "breach";
        var host = await StartAsync(new RuntimeSettings { Settings = settings });
        await BreachAsync(host, "robot-agents", "hotline");

        await Poll.UntilAsync(() => !_sink.Hits.IsEmpty, "the unlimited robot is posted to");
        await host.WaitForIdleJobsAsync();
        await Task.Delay(500);

        var hit = Assert.Single(_sink.Hits);
        Assert.Equal("?key=all-groups", hit.Query);
        Assert.Single(await RobotRowsAsync(host));
    }

    [Fact]
    public async Task A_restart_between_the_breach_and_the_send_loses_nothing_and_sends_nothing_twice()
    {
        var settings = new RuntimeSettings { Settings = ThreeRobots() };
        // The first host records the breach and its rows, then "crashes" before handing any row to the sender.
        var first = await StartAsync(settings with
        {
            Services = s => s.AddSingleton<WorkflowService.Runtime.Instances.IOutboxDispatcher>(new NoDispatch()),
        });
        await BreachAsync(first, "robot-restart", "engineers");
        await Poll.ForAsync(() => RobotRowsAsync(first), r => r.Count == 3, "the rows are written");
        await first.DisposeAsync();
        _hosts.Remove(first);
        Assert.True(_sink.Hits.IsEmpty);

        var second = await StartAsync(settings);
        await Poll.UntilAsync(() => _sink.Hits.Count >= 3, "the start-up sweep re-arms the rows");
        await second.SweepDueTimersAsync();
        await second.WaitForIdleJobsAsync();
        await Task.Delay(500);

        Assert.Equal(3, _sink.Hits.Count);
        Assert.Equal(["dingtalk", "feishu", "wecom"], _sink.Hits.Select(h => h.Kind).Order().ToArray());
        Assert.All(await RobotRowsAsync(second), r => Assert.Equal((OutboxStatus.Sent.Name, 1), (r.Status, r.Attempts)));
        TempFolder.TryDelete(first.Settings.DataDirectory);
    }

    [Fact]
    public async Task Two_workers_sending_the_same_row_at_once_post_it_once()
    {
        var host = await StartAsync(new RuntimeSettings
        {
            Settings = ThreeRobots(),
            Services = s => s.AddSingleton<WorkflowService.Runtime.Instances.IOutboxDispatcher>(new NoDispatch()),
        });
        await BreachAsync(host, "robot-race", "engineers");
        var rows = await Poll.ForAsync(() => RobotRowsAsync(host), r => r.Count == 3, "the rows are written");

        await Task.WhenAll(rows.SelectMany(r => new[] { r.Id, r.Id }).Select(id => Task.Run(() =>
            host.Get<RobotJob>().SendAsync(id, CancellationToken.None))));

        Assert.Equal(["dingtalk", "feishu", "wecom"], _sink.Hits.Select(h => h.Kind).Order().ToArray());
        Assert.All(await RobotRowsAsync(host), r => Assert.Equal((OutboxStatus.Sent.Name, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task Two_breaches_for_one_DingTalk_robot_are_posted_three_seconds_apart()
    {
        var host = await StartAsync(new RuntimeSettings { Settings = ThreeRobots() });
        var owner = host.As("owner");
        await owner.DeployAsync(LateTask("robot-paced", "engineers"));
        await owner.StartAsync("robot-paced", businessKey: "P-1");
        await owner.StartAsync("robot-paced", businessKey: "P-2");

        await Poll.UntilAsync(() => _sink.Of("dingtalk").Count >= 2, "both breaches are posted", TimeSpan.FromSeconds(30));

        var hits = _sink.Of("dingtalk").OrderBy(h => h.At).ToList();
        Assert.True(hits[1].At - hits[0].At >= TimeSpan.FromSeconds(2.9), $"{hits[1].At - hits[0].At} apart");
        Assert.All(hits, h => Assert.True(h.SignatureValid));
    }

    private static string Message(RobotHit hit) =>
        hit.Kind == "feishu" ? hit.Json.GetProperty("card").GetRawText() : hit.Body;

    private sealed class NoDispatch : WorkflowService.Runtime.Instances.IOutboxDispatcher
    {
        public void Dispatch(Guid outboxId) { }
    }
}
