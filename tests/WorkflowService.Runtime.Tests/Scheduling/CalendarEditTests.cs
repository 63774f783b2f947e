using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// Editing a business calendar moves the pending timers that count in it (real runtime, SQLite file,
/// Hangfire, fake clock): later when a holiday is added, at once when the new due time is past.
/// </summary>
public sealed class CalendarEditTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    private static CalendarDefinition Office(string name, params DateOnly[] holidays) => new()
    {
        Name = name,
        TimeZone = "Asia/Shanghai",
        WorkingDays = [.. EveryDay],
        Periods = [new WorkingPeriod(TimeOnly.MinValue, TimeOnly.MaxValue)],
        Exceptions = [.. holidays.Select(d => new CalendarDay(d, false, "closed"))],
    };

    private static string Process(string key, string calendar) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" camunda:candidateGroups="engineers" />
        <bpmn:boundaryEvent id="late" cancelActivity="false" attachedToRef="work">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="office-time" /><camunda:property name="calendar" value="{calendar}" />
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "work", "done")}{TestBpmn.Flows("late", "noted")}
        """);

    private Task<TimerRecord> TimerAsync(Guid id) =>
        service.Host.ReadAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id));

    [Fact]
    public async Task A_holiday_added_while_a_timer_waits_moves_it_and_removing_it_again_moves_it_back_and_it_fires()
    {
        var store = service.Host.Get<CalendarStore>();
        var name = $"office-{Guid.NewGuid():N}"[..20];
        var saved = await store.SaveAsync("admin", Office(name), null, default);
        var admin = service.As("admin");
        var id = await admin.StartAsync(await admin.DeployAsync(Process("calendar-edit", name)));
        var armed = await TimerAsync(id);
        var start = service.Clock.GetUtcNow();
        Assert.Equal(start.AddDays(2), armed.DueAt);
        Assert.Equal(name, armed.Calendar);

        // Tomorrow (in Shanghai) becomes a holiday: the two working days end a day later.
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date).AddDays(1);
        saved = await store.SaveAsync("admin", Office(name, tomorrow), saved.Version, default);
        var moved = await TimerAsync(id);
        var expected = WorkingCalendar.Create(Office(name, tomorrow), "UTC").Add(start, IsoDuration.Parse("P2D"));
        Assert.Equal(expected, moved.DueAt);
        Assert.True(moved.DueAt > armed.DueAt);

        // Two and a half days on, the holiday is taken back: the timer is due in the past now, and fires at once.
        await service.AdvanceAsync(TimeSpan.FromDays(2.5));
        Assert.Empty(await service.As("manager").BreachesAsync(id));
        await store.SaveAsync("admin", Office(name), saved.Version, default);
        Assert.Equal(start.AddDays(2), (await TimerAsync(id)).DueAt);

        await service.AdvanceAsync(TimeSpan.FromSeconds(1));
        var breach = await service.ExpectBreachAsync(id, "office-time");
        Assert.Equal(start.AddDays(2), breach.DueAt);
    }

    [Fact]
    public async Task An_open_task_due_in_the_calendar_moves_with_it_in_the_inbox_order_too_and_a_completed_one_does_not()
    {
        var store = service.Host.Get<CalendarStore>();
        var name = $"inbox-{Guid.NewGuid():N}"[..18];
        var saved = await store.SaveAsync("admin", Office(name), null, default);
        var admin = service.As("admin");
        var key = await admin.DeployAsync(TestBpmn.Process("calendar-edit-task", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="work" camunda:candidateGroups="engineers" camunda:candidateUsers="wang" camunda:dueDate="P2D">
              <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="{name}" /></camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="done" />
            {TestBpmn.Flows("start", "work", "done")}
            """));
        var open = await admin.StartAsync(key);
        var closed = await admin.StartAsync(key);
        await admin.CompleteAsync(closed, "work");
        var start = service.Clock.GetUtcNow();
        Task<TaskRecord> TaskOf(Guid id) =>
            service.Host.ReadAsync(db => db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleAsync(t => t.InstanceId == id));
        var before = await TaskOf(open);
        Assert.Equal(start.AddDays(2), before.DueAt);
        Assert.Equal((name, "P2D"), (before.DueCalendar, before.DueSpan));
        var closedDue = (await TaskOf(closed)).DueAt;

        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date).AddDays(1);
        saved = await store.SaveAsync("admin", Office(name, tomorrow), saved.Version, default);

        var moved = await TaskOf(open);
        // Inboxes open at the time are told the task changed (SignalR in the web host).
        Assert.Contains(service.Notified.Pushed, n => n.Kind == WorkflowNotification.TaskChanged && n.TaskId == moved.Id);
        Assert.DoesNotContain(service.Notified.Pushed, n => n.Kind == WorkflowNotification.TaskChanged && n.InstanceId == closed);
        var expected = WorkingCalendar.Create(Office(name, tomorrow), "UTC").Add(start, IsoDuration.Parse("P2D"));
        Assert.True(expected > before.DueAt);
        Assert.Equal(expected, moved.DueAt);
        Assert.Equal(2, moved.Candidates.Count);
        Assert.All(moved.Candidates, c => Assert.Equal(expected, c.DueAt));
        var done = await TaskOf(closed);
        Assert.Equal(UserTaskStatus.Completed.Name, done.Status);
        Assert.Equal(closedDue, done.DueAt);

        // Taken back: the open task is due when it was at first again.
        await store.SaveAsync("admin", Office(name), saved.Version, default);
        Assert.Equal(start.AddDays(2), (await TaskOf(open)).DueAt);
    }

    [Fact]
    public async Task A_fired_timer_stays_fired_and_a_timer_of_another_calendar_does_not_move()
    {
        var store = service.Host.Get<CalendarStore>();
        var name = $"desk-{Guid.NewGuid():N}"[..18];
        var saved = await store.SaveAsync("admin", Office(name), null, default);
        var admin = service.As("admin");
        var ours = await admin.StartAsync(await admin.DeployAsync(Process("calendar-edit-ours", name)));
        var other = await admin.StartAsync(await admin.DeployAsync(Process("calendar-edit-default", "default")));
        var otherDue = (await TimerAsync(other)).DueAt;

        await service.AdvanceAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        await service.ExpectBreachAsync(ours, "office-time");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date);
        await store.SaveAsync("admin", Office(name, today.AddDays(-1), today.AddDays(-2)), saved.Version, default);

        var fired = await TimerAsync(ours);
        Assert.Equal(TimerStatus.Fired.Name, fired.Status);
        Assert.Single(await service.As("manager").BreachesAsync(ours));
        Assert.Equal(otherDue, (await TimerAsync(other)).DueAt);
    }

    [Fact]
    public async Task A_timer_start_event_in_the_calendar_moves_too()
    {
        var store = service.Host.Get<CalendarStore>();
        var name = $"start-{Guid.NewGuid():N}"[..18];
        var saved = await store.SaveAsync("admin", Office(name), null, default);
        var admin = service.As("admin");
        var key = await admin.DeployAsync(TestBpmn.Process("calendar-edit-start", $"""
            <bpmn:startEvent id="tick">
              <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="{name}" /></camunda:properties></bpmn:extensionElements>
              <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:endEvent id="done" />
            {TestBpmn.Flows("tick", "done")}
            """));
        var row = await service.Host.ReadAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.ElementId == "tick" && t.Calendar == name));
        Assert.Equal("P2D", row.Span);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(row.CountFrom!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date).AddDays(1);

        await store.SaveAsync("admin", Office(name, tomorrow), saved.Version, default);

        var moved = await service.Host.ReadAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == row.Id));
        Assert.Equal(row.DueAt.AddDays(1), moved.DueAt);
        Assert.Equal("calendar-edit-start", key);
    }
}
