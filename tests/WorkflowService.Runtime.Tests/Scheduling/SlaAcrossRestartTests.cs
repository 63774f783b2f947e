using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// SLA clocks while the service is stopped (real clock, real Hangfire, one SQLite file, two hosts one after the
/// other): a reminder cycle records every firing it missed, each with its own due time; a warning that came due
/// is sent once after the restart, not lost and not twice.
/// </summary>
public sealed class SlaAcrossRestartTests : IAsyncLifetime
{
    private RuntimeSettings _settings = new();
    private readonly List<RuntimeHost> _hosts = [];
    private TestSmtpServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _settings = _settings with { SmtpPort = _smtp.Port };
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _smtp.DisposeAsync();
        TempFolder.TryDelete(_settings.DataDirectory);
    }

    private async Task<RuntimeHost> StartAsync()
    {
        var host = await RuntimeHost.StartAsync(_settings);
        _hosts.Add(host);
        return host;
    }

    private async Task StopAsync(RuntimeHost host)
    {
        await host.DisposeAsync();
        _hosts.Remove(host);
    }

    private static string Reminder(string key, string timer, string properties) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" camunda:candidateGroups="engineers" />
        <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="work">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="{key}" />{properties}
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "work", "done")}{TestBpmn.Flows("remind", "noted")}
        """);

    [Fact]
    public async Task A_reminder_cycle_records_each_firing_it_missed_while_the_service_was_stopped()
    {
        var first = await StartAsync();
        var owner = first.As("owner");
        var key = await owner.DeployAsync(Reminder("outage-cycle",
            """<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT2S</bpmn:timeCycle>""", ""));
        var id = await owner.StartAsync(key);
        var firstDue = (await owner.InstanceAsync(id)).PendingTimers.Single().DueAt;
        await StopAsync(first);
        // Nothing runs the timers now: wait (on the wall clock) until all three firings are past.
        await Task.Delay(firstDue + TimeSpan.FromSeconds(4.5) - DateTimeOffset.UtcNow);

        var second = await StartAsync();
        var manager = second.As("manager");
        var breaches = await Poll.ForAsync(() => manager.BreachesAsync(id, "outage-cycle"), b => b.Count >= 3,
            "the three missed firings are recorded");
        await second.SweepDueTimersAsync();
        await second.WaitForIdleJobsAsync();

        Assert.Equal([firstDue, firstDue.AddSeconds(2), firstDue.AddSeconds(4)],
            (await manager.BreachesAsync(id, "outage-cycle")).Select(b => b.DueAt).Order().ToArray());
        Assert.Empty((await manager.InstanceAsync(id)).PendingTimers);
    }

    [Fact]
    public async Task A_warning_that_came_due_while_the_service_was_stopped_is_sent_once_after_the_restart()
    {
        var first = await StartAsync();
        var owner = first.As("owner");
        var key = await owner.DeployAsync(Reminder("outage-warning",
            """<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT8S</bpmn:timeDuration>""",
            """<camunda:property name="warnAt" value="25%" />"""));
        var id = await owner.StartAsync(key);
        var engineer = first.As("engineer");
        var taskId = await engineer.TaskIdAsync(id, "work");
        await first.Get<TaskService>().ClaimAsync(engineer.Caller, taskId);
        var due = (await owner.InstanceAsync(id)).PendingTimers.Single().DueAt;
        await StopAsync(first);
        Assert.Empty(_smtp.Received);
        await Task.Delay(due - TimeSpan.FromSeconds(4) - DateTimeOffset.UtcNow);

        var second = await StartAsync();
        var mail = Assert.Single(await _smtp.WaitForAsync(m => m.Subject.Contains("(25%)", StringComparison.Ordinal), "the 25% warning"));
        // The only mark is the last: the supervisors (managers) hear of it with the engineer.
        Assert.Equal(["engineer@example.com", ServiceFixture.ManagerAddress], mail.EnvelopeTo.Order().ToArray());
        await second.SweepDueTimersAsync();
        await second.WaitForIdleJobsAsync();
        await Task.Delay(500);
        Assert.Single(_smtp.Received, m => m.Subject.Contains("(25%)", StringComparison.Ordinal));
        Assert.Empty(await second.As("manager").BreachesAsync(id));
    }
}
