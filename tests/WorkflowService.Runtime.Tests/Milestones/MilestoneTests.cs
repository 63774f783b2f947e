using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Milestones;

/// <summary>The runtime with one registered milestone, "surveyed", on a fake clock (timers fire when a test moves it).</summary>
public sealed class MilestoneRuntime : RuntimeFixture
{
    public const string Flow = "ms-flow";
    public const string Other = "ms-other";
    public const string Rule = "survey-late";

    public static readonly MilestoneDefinition Surveyed = new("surveyed", [(Flow, "survey")], Rule, "satisfaction");

    public FakeTimeProvider Clock { get; } = RuntimeSettings.FakeClock();

    protected override Task<RuntimeSettings> SettingsAsync() =>
        Task.FromResult(new RuntimeSettings { Clock = Clock, Services = s => s.AddMilestone(Surveyed) });

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Host.SweepDueTimersAsync();
    }
}

/// <summary>
/// Milestones are kept by the step that reaches them, through the real runtime: the first normal leaving of the
/// element, the variable as it was then, and whether a breach of the rule was recorded — before or after.
/// </summary>
public sealed class MilestoneTests(MilestoneRuntime runtime) : IClassFixture<MilestoneRuntime>
{
    private static readonly TimeSpan Late = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);
    private const string Again = "${again}";

    /// <summary>A survey watched by a one-hour SLA timer, asked again while <c>again</c> is true, then a closing task watched by the same rule.</summary>
    private static string Process(string key) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="survey" name="Survey" camunda:candidateGroups="agents" />
        <bpmn:boundaryEvent id="surveyTimer" cancelActivity="false" attachedToRef="survey">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="{MilestoneRuntime.Rule}" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:exclusiveGateway id="check" default="check-close" />
        <bpmn:userTask id="close" name="Close" camunda:candidateGroups="agents" />
        <bpmn:boundaryEvent id="closeTimer" cancelActivity="false" attachedToRef="close">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="{MilestoneRuntime.Rule}" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" />
        <bpmn:endEvent id="closeNoted" />
        <bpmn:endEvent id="done" />
        <bpmn:sequenceFlow id="check-survey" sourceRef="check" targetRef="survey">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{Again}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        {TestBpmn.Flows("start", "survey", "check")}{TestBpmn.Flows("check", "close", "done")}
        {TestBpmn.Flows("surveyTimer", "noted")}{TestBpmn.Flows("closeTimer", "closeNoted")}
        """);

    private async Task<Guid> StartAsync(string key = MilestoneRuntime.Flow)
    {
        var admin = runtime.As("admin");
        await admin.DeployAsync(Process(key));
        return await admin.StartAsync(key, new { again = false });
    }

    private Task<List<MilestoneRecord>> RowsAsync(Guid instanceId) =>
        runtime.Host.ReadAsync(db => db.Milestones.AsNoTracking().Where(m => m.InstanceId == instanceId).ToListAsync());

    private Task CompleteAsync(Guid id, string elementId, object variables) => runtime.As("agent").CompleteAsync(id, elementId, variables);

    [Fact]
    public async Task Completing_the_element_keeps_the_milestone_with_its_instant_and_the_variable_then()
    {
        var id = await StartAsync();
        await runtime.AdvanceAsync(TimeSpan.FromMinutes(20));
        var completedAt = runtime.Clock.GetUtcNow();

        await CompleteAsync(id, "survey", new { satisfaction = 4, again = false });

        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal(("surveyed", MilestoneRuntime.Flow, "survey"), (row.Name, row.DefinitionKey, row.ElementId));
        Assert.Equal(completedAt, row.At);
        Assert.Equal(("4", 4.0), (row.Value, row.Number));
        Assert.Equal(MilestoneRuntime.Rule, row.Rule);
        Assert.False(row.Breached);
    }

    [Fact]
    public async Task A_breach_recorded_before_the_milestone_marks_it_late_when_it_is_reached()
    {
        var id = await StartAsync();
        await runtime.AdvanceAsync(Late);
        await Poll.ForAsync(() => runtime.As("manager").BreachesAsync(id, MilestoneRuntime.Rule), b => b.Count == 1, "the survey's breach");

        await CompleteAsync(id, "survey", new { satisfaction = "5", again = false });

        var row = Assert.Single(await RowsAsync(id));
        Assert.True(row.Breached);
        Assert.Equal(("\"5\"", 5.0), (row.Value, row.Number));
    }

    [Fact]
    public async Task A_breach_of_the_rule_recorded_after_the_milestone_marks_it_late_too()
    {
        var id = await StartAsync();
        await CompleteAsync(id, "survey", new { satisfaction = 3, again = false });
        Assert.False(Assert.Single(await RowsAsync(id)).Breached);

        await runtime.AdvanceAsync(Late); // the closing task's timer: the same rule
        await Poll.ForAsync(() => runtime.As("manager").BreachesAsync(id, MilestoneRuntime.Rule), b => b.Count == 1, "the closing task's breach");

        Assert.True(Assert.Single(await RowsAsync(id)).Breached);
    }

    [Fact]
    public async Task Leaving_the_element_again_keeps_the_first_time_and_its_answer()
    {
        var id = await StartAsync();
        var first = runtime.Clock.GetUtcNow();
        await CompleteAsync(id, "survey", new { satisfaction = 2, again = true });
        await runtime.AdvanceAsync(TimeSpan.FromMinutes(10));
        await CompleteAsync(id, "survey", new { satisfaction = 5, again = false });

        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal(first, row.At);
        Assert.Equal(2.0, row.Number);
    }

    [Fact]
    public async Task An_element_of_the_same_id_in_a_process_the_milestone_does_not_name_keeps_nothing()
    {
        var id = await StartAsync(MilestoneRuntime.Other);

        await CompleteAsync(id, "survey", new { satisfaction = 4, again = false });

        Assert.Empty(await RowsAsync(id));
    }

    [Fact]
    public async Task A_database_without_the_rows_gets_them_from_the_history_and_a_second_backfill_writes_nothing()
    {
        var late = await StartAsync();
        await runtime.AdvanceAsync(Late);
        await Poll.ForAsync(() => runtime.As("manager").BreachesAsync(late, MilestoneRuntime.Rule), b => b.Count == 1, "the survey's breach");
        await CompleteAsync(late, "survey", new { satisfaction = 1, again = false });
        var kept = await runtime.Host.ReadAsync(db => db.Milestones.AsNoTracking().OrderBy(m => m.InstanceId).ToListAsync());
        Assert.Contains(kept, m => m.InstanceId == late && m.Breached);
        // As a database from before the milestones table: no row of the milestone at all.
        await runtime.Host.ReadAsync(db => db.Milestones.ExecuteDeleteAsync());

        var builder = runtime.Host.Get<MilestoneBuilder>();
        var written = await builder.BackfillAsync();

        var built = await runtime.Host.ReadAsync(db => db.Milestones.AsNoTracking().OrderBy(m => m.InstanceId).ToListAsync());
        Assert.Equal(kept.Count, written);
        Assert.Equal(kept.Select(m => (m.InstanceId, m.Name, m.ElementId, m.At, m.Breached)),
            built.Select(m => (m.InstanceId, m.Name, m.ElementId, m.At, m.Breached)));
        // The variable comes from the saved state: the same here, where it was answered once (not so after a second answer).
        Assert.Equal(1.0, built.Single(m => m.InstanceId == late).Number);
        Assert.Equal(0, await builder.BackfillAsync());
    }
}
