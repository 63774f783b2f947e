using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Robots;

namespace WorkflowService.Runtime.Tests.Notifications.Robots;

/// <summary>An SLA warning (beside its mail) and an escalation mail reach the robots subscribed to them, and only those.</summary>
public sealed class RobotWarningAndEscalationTests : IAsyncLifetime
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
                ["Notifications:Robots:0:Name"] = "warnings", ["Notifications:Robots:0:Kind"] = "WeCom",
                ["Notifications:Robots:0:Url"] = _sink.WeComUrl("warnings"), ["Notifications:Robots:0:Events"] = "warning",
                ["Notifications:Robots:1:Name"] = "escalations", ["Notifications:Robots:1:Kind"] = "WeCom",
                ["Notifications:Robots:1:Url"] = _sink.WeComUrl("escalations"), ["Notifications:Robots:1:Events"] = "escalation",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task A_warning_before_a_breach_reaches_the_warning_robot_once()
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(TestBpmn.Process("robot-warn", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="work" name="上门维修" camunda:candidateGroups="engineers" />
            <bpmn:boundaryEvent id="sla" cancelActivity="false" attachedToRef="work">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="sla" value="on-site-arrival" /><camunda:property name="warnAt" value="50%" />
              </camunda:properties></bpmn:extensionElements>
              <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT3S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="late" /><bpmn:endEvent id="done" />
            {TestBpmn.Flows("start", "work", "done")}{TestBpmn.Flows("sla", "late")}
            """));
        var id = await owner.StartAsync(key, businessKey: "WX-9");

        await Poll.ForAsync(() => _host.As("manager").BreachesAsync(id), b => b.Count == 1, "the breach after the warning");
        await _host.WaitForIdleJobsAsync();
        await Task.Delay(500);

        var hit = Assert.Single(_sink.Hits);
        Assert.Equal("?key=warnings", hit.Query);
        var content = hit.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("### 【即将超时】维修人员未在约定时间内到达客户现场 · WX-9", content);
        Assert.Contains("上门维修（engineers，尚未认领）", content);
    }

    [Fact]
    public async Task An_escalation_mail_also_reaches_the_escalation_robot()
    {
        var owner = _host.As("owner");
        var key = await owner.DeployAsync(TestBpmn.Process("robot-escalate", $"""
            <bpmn:startEvent id="start" />
            <bpmn:sendTask id="escalate" camunda:type="external" camunda:topic="send-email">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="to">managers</camunda:inputParameter>
                <camunda:inputParameter name="template">escalation</camunda:inputParameter>
                <camunda:inputParameter name="rule">complaint-escalation</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:userTask id="resolve" name="处理投诉" camunda:candidateGroups="managers" />
            <bpmn:endEvent id="done" />
            {TestBpmn.Flows("start", "escalate", "resolve", "done")}
            """));
        await owner.StartAsync(key, new { customer = "Acme Pumps" }, "TS-12");

        await Poll.UntilAsync(() => !_sink.Hits.IsEmpty, "the escalation robot is posted to");
        await _host.WaitForIdleJobsAsync();
        await Task.Delay(300);

        var hit = Assert.Single(_sink.Hits);
        Assert.Equal("?key=escalations", hit.Query);
        var content = hit.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("### 【升级】投诉未能解决, 已上报主管领导 · TS-12", content);
        Assert.Contains("**客户**：Acme Pumps", content);
    }
}
