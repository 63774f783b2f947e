using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// SLA clocks through the real runtime (SQLite file, Hangfire, SMTP server, fake clock): a pause keeps
/// the total, warnings reach the assignee once each and the supervisors at the last mark.
/// </summary>
public sealed class SlaClockTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static string Process(string key, string timerProperties = "") => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="repairWork">
          <bpmn:startEvent id="ws" />
          <bpmn:userTask id="repairDevice" name="Repair" camunda:candidateGroups="engineers" />
          <bpmn:userTask id="waitCustomer" name="Wait for the customer" camunda:candidateGroups="engineers">
            <bpmn:extensionElements><camunda:properties><camunda:property name="slaPause" value="true" /></camunda:properties></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:userTask id="finish" name="Finish" camunda:candidateGroups="engineers" />
          <bpmn:endEvent id="we" />
          {TestBpmn.Flows("ws", "repairDevice", "waitCustomer", "finish", "we")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="turnaround" cancelActivity="false" attachedToRef="repairWork">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="repair-turnaround" />{timerProperties}
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT10H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "repairWork", "done")}{TestBpmn.Flows("turnaround", "noted")}
        """);

    private async Task<Guid> StartAsync(string xml)
    {
        var admin = service.As("admin");
        return await admin.StartAsync(await admin.DeployAsync(xml));
    }

    private Task<List<TimerRecord>> TimersAsync(Guid id) =>
        service.Host.ReadAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.DueAt).ToListAsync());

    [Fact]
    public async Task Waiting_for_the_customer_stops_the_clock_and_the_breach_comes_after_the_time_that_was_left()
    {
        var id = await StartAsync(Process("sla-pause"));
        var engineer = service.As("engineer");

        await service.AdvanceAsync(TimeSpan.FromHours(2));
        await engineer.CompleteAsync(id, "repairDevice");
        var paused = Assert.Single(await TimersAsync(id));
        Assert.Equal(TimerStatus.Paused.Name, paused.Status);
        Assert.Equal(TimeSpan.FromHours(8), paused.Left);

        await service.AdvanceAsync(TimeSpan.FromHours(30));
        Assert.Empty(await service.As("manager").BreachesAsync(id));

        await engineer.CompleteAsync(id, "waitCustomer");
        var resumedAt = service.Clock.GetUtcNow();
        var running = Assert.Single(await TimersAsync(id));
        Assert.Equal(TimerStatus.Pending.Name, running.Status);
        Assert.Equal(resumedAt.AddHours(8), running.DueAt);
        Assert.Equal("PT8H", running.Span);

        await service.AdvanceAsync(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        Assert.Empty(await service.As("manager").BreachesAsync(id));
        await service.AdvanceAsync(TimeSpan.FromMinutes(2));
        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal(resumedAt.AddHours(8), breach.DueAt);
    }

    [Fact]
    public async Task A_clock_that_ran_out_before_its_pause_is_charged_from_when_it_ran_out()
    {
        var id = await StartAsync(Process("sla-pause-overdue"));
        var engineer = service.As("engineer");
        var started = (await TimersAsync(id)).Single().DueAt.AddHours(-10);

        // Due at 10 h; the firing is not handled yet (no sweep) when the wait for the customer begins at 11 h.
        service.Clock.Advance(TimeSpan.FromHours(11));
        await engineer.CompleteAsync(id, "repairDevice");
        var paused = Assert.Single(await TimersAsync(id));
        Assert.Equal(TimerStatus.Paused.Name, paused.Status);
        Assert.Equal(TimeSpan.Zero, paused.Left);

        await service.AdvanceAsync(TimeSpan.FromHours(5));
        await engineer.CompleteAsync(id, "waitCustomer");
        await service.AdvanceAsync(TimeSpan.FromSeconds(1));
        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal(started.AddHours(10), breach.DueAt);
    }

    [Fact]
    public async Task Warnings_reach_the_assignee_once_at_each_mark_and_the_supervisors_at_the_last()
    {
        var id = await StartAsync(Process("sla-warn", """<camunda:property name="warnAt" value="50%,90%" />"""));
        var engineer = service.As("engineer");
        var taskId = await engineer.TaskIdAsync(id, "repairDevice");
        await service.Host.Get<TaskService>().ClaimAsync(engineer.Caller, taskId);
        var warnings = (await TimersAsync(id)).Where(t => t.WarnMark is not null).ToList();
        Assert.Equal([50, 90], warnings.Select(w => w.WarnMark!.Value).ToArray());

        await service.AdvanceAsync(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(1));
        bool Ours(Testing.Smtp.ReceivedMail m, string mark) =>
            m.Message.HtmlBody?.Contains(taskId.ToString(), StringComparison.Ordinal) == true && m.Subject.Contains(mark, StringComparison.Ordinal);
        var first = Assert.Single(await service.Smtp.WaitForAsync(m => Ours(m, "(50%)"), "the 50% warning"));
        Assert.StartsWith("时限提醒: repair-turnaround 将于", first.Subject);
        Assert.Contains(" / Warning: repair-turnaround due", first.Subject);
        Assert.Equal(["engineer@example.com"], first.EnvelopeTo);

        await service.AdvanceAsync(TimeSpan.FromHours(4));
        var last = Assert.Single(await service.Smtp.WaitForAsync(m => Ours(m, "(90%)"), "the 90% warning"));
        Assert.StartsWith("最后提醒", last.Subject);
        Assert.Contains(" / Last warning", last.Subject);
        Assert.Contains("engineer@example.com", last.EnvelopeTo);
        Assert.Contains(ServiceFixture.ManagerAddress, last.EnvelopeTo);
        Assert.Single(service.Smtp.Received, m => Ours(m, "(50%)"));
        Assert.All(await TimersAsync(id), t => Assert.Equal(t.WarnMark is null ? TimerStatus.Pending.Name : TimerStatus.Fired.Name, t.Status));
    }

    [Fact]
    public async Task A_warning_whose_clock_is_paused_waits_with_it()
    {
        var id = await StartAsync(Process("sla-warn-pause", """<camunda:property name="warnAt" value="50%" />"""));
        var engineer = service.As("engineer");
        await service.AdvanceAsync(TimeSpan.FromHours(1));
        await engineer.CompleteAsync(id, "repairDevice");
        Assert.All(await TimersAsync(id), t => Assert.Equal(TimerStatus.Paused.Name, t.Status));
        var warning = Assert.Single(await TimersAsync(id), t => t.WarnMark == 50);
        Assert.Equal(TimeSpan.FromHours(4), warning.Left);

        await service.AdvanceAsync(TimeSpan.FromHours(10));
        await engineer.CompleteAsync(id, "waitCustomer");
        var resumedAt = service.Clock.GetUtcNow();

        Assert.Equal(resumedAt.AddHours(4), Assert.Single(await TimersAsync(id), t => t.WarnMark == 50).DueAt);
    }
}
