using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// What happened in a period, for reports: the breaches detected and the tasks completed between two instants (from
/// included, to excluded), by whom, of one element only.
/// </summary>
public sealed class PeriodRecordsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Xml = TestBpmn.Process("period-records", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="first" camunda:candidateGroups="engineers" />
        <bpmn:userTask id="second" camunda:candidateGroups="engineers" />
        <bpmn:boundaryEvent id="late" cancelActivity="false" attachedToRef="second">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="period-rule" />
            <camunda:property name="responsible" value="{"${who}"}" />
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "first", "second", "done")}{TestBpmn.Flows("late", "noted")}
        """);

    [Fact]
    public async Task Breaches_and_completed_tasks_are_read_for_the_period_they_fall_in_with_who_did_or_broke_them()
    {
        var admin = service.As("admin");
        var key = await admin.DeployAsync(Xml);
        var id = await admin.StartAsync(key, new { who = "period-engineer" });
        var before = service.Clock.GetUtcNow();
        await service.As("engineer").CompleteAsync(id, "first");
        await service.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var breach = await service.ExpectBreachAsync(id, "period-rule");
        var after = service.Clock.GetUtcNow().AddSeconds(1);
        var period = service.Host.Get<PeriodRecords>();

        var completed = await period.CompletedTasksAsync(key, "first", before, after);
        var breaches = await period.BreachesAsync(before, after);

        var task = Assert.Single(completed, t => t.InstanceId == id);
        Assert.Equal(("engineer", "first"), (task.CompletedBy, task.ElementId));
        Assert.Empty(await period.CompletedTasksAsync(key, "second", before, after));
        Assert.Empty(await period.CompletedTasksAsync(key, "first", after, after.AddDays(1)));
        Assert.DoesNotContain(await period.CompletedTasksAsync(key, "first", before.AddDays(-1), task.EndedAt), t => t.InstanceId == id);
        Assert.Equal("period-engineer", Assert.Single(breaches, b => b.InstanceId == id).Responsible);
        Assert.DoesNotContain(await period.BreachesAsync(breach.DetectedAt.AddTicks(10), after.AddDays(1)), b => b.InstanceId == id);
    }
}
