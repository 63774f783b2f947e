using System.Collections.Immutable;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Persistence;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// The command applier reads the rows a step touches once per kind and then works in memory: a
/// step of many commands costs one query for the instance's open tasks and one for its pending
/// timers, sees the rows it has just added, and an instance being started costs none.
/// </summary>
public sealed class StepRowsTests : IDisposable
{
    private static readonly ProcessModel Model = new("complaint", "Complaint", [], []);

    private readonly SqliteFile _file = new();
    private readonly Queries _queries = new();
    private readonly DbContextOptions<SqliteWorkflowDbContext> _options;
    private readonly CommandApplier _applier = new(new Interpreter(), []);
    private readonly Guid _instanceId = Guid.CreateVersion7();

    public StepRowsTests()
    {
        _options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite(_file.ConnectionString).AddInterceptors(_queries).Options;
        Seed();
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_step_of_many_commands_reads_each_kind_of_row_once()
    {
        await StepAsync(newInstance: false,
            new CancelUserTask(1, "task1"), new PauseTimer(1, "timer1", DateTimeOffset.UtcNow), new CancelUserTask(2, "task2"),
            new CancelTimer(2, "timer2"), new CancelUserTask(3, "task3"), new CancelTimer(1, "timer1"));

        Assert.Equal(1, _queries.Reading("tasks"));
        Assert.Equal(1, _queries.Reading("timers"));
        await using var db = new SqliteWorkflowDbContext(_options);
        Assert.All(await db.Tasks.ToListAsync(), t => Assert.Equal(UserTaskStatus.Cancelled.Name, t.Status));
        Assert.All(await db.Timers.ToListAsync(), t => Assert.Equal(TimerStatus.Cancelled.Name, t.Status));
        Assert.Empty(await db.Set<TaskCandidate>().ToListAsync());
    }

    [Fact]
    public async Task Timers_cancelled_before_the_step_read_any_are_cancelled_without_reading_them()
    {
        await StepAsync(newInstance: false, new CancelTimer(1, "timer1"), new CancelTimer(2, "timer2"));

        Assert.Equal(0, _queries.Reading("timers"));
        await using var db = new SqliteWorkflowDbContext(_options);
        Assert.All(await db.Timers.ToListAsync(), t => Assert.Equal(TimerStatus.Cancelled.Name, t.Status));
    }

    [Fact]
    public async Task A_timer_cancelled_unread_spares_the_rows_of_other_subscriptions_and_cancels_one_the_step_added()
    {
        await StepAsync(newInstance: false, new ScheduleTimer(9, "timer9", DateTimeOffset.UtcNow.AddHours(1), null),
            new CancelTimer(9, "timer9"), new CancelTimer(1, "timer1"));

        await using var db = new SqliteWorkflowDbContext(_options);
        var statuses = await db.Timers.ToDictionaryAsync(t => t.SubscriptionId!.Value, t => t.Status);
        Assert.Equal(new Dictionary<int, string>
        {
            [1] = TimerStatus.Cancelled.Name, [2] = TimerStatus.Pending.Name, [9] = TimerStatus.Cancelled.Name,
        }, statuses);
    }

    [Fact]
    public async Task A_timer_the_preparation_marked_fired_stays_fired_when_its_subscription_is_cancelled_unread()
    {
        await StepAsync(newInstance: false, prepare: async db =>
        {
            var row = await db.Timers.SingleAsync(t => t.SubscriptionId == 1);
            row.Status = TimerStatus.Fired;
        }, new CancelTimer(1, "timer1"));

        await using var db = new SqliteWorkflowDbContext(_options);
        Assert.Equal(TimerStatus.Fired.Name, (await db.Timers.SingleAsync(t => t.SubscriptionId == 1)).Status);
    }

    [Fact]
    public async Task A_task_created_and_cancelled_in_one_step_is_found_in_memory()
    {
        await StepAsync(newInstance: false, CreateTask(7), new CancelUserTask(7, "task7"));

        await using var db = new SqliteWorkflowDbContext(_options);
        var created = await db.Tasks.SingleAsync(t => t.LocalId == 7);
        Assert.Equal(UserTaskStatus.Cancelled.Name, created.Status);
        Assert.Equal(3, await db.Tasks.CountAsync(t => t.Status == UserTaskStatus.Open));
    }

    [Fact]
    public async Task A_starting_instance_reads_no_rows()
    {
        await StepAsync(newInstance: true, CreateTask(7), new ScheduleTimer(9, "timer9", DateTimeOffset.UtcNow.AddHours(1), null),
            new CancelTimer(9, "timer9"), new CancelUserTask(7, "task7"));

        Assert.Equal(0, _queries.Reading("tasks"));
        Assert.Equal(0, _queries.Reading("timers"));
    }

    private Task StepAsync(bool newInstance, params EngineCommand[] commands) => StepAsync(newInstance, null, commands);

    /// <param name="prepare">What the step's preparation does before the commands (a timer job marks its timer fired).</param>
    private async Task StepAsync(bool newInstance, Func<SqliteWorkflowDbContext, Task>? prepare, params EngineCommand[] commands)
    {
        await using var db = new SqliteWorkflowDbContext(_options);
        await using var tx = await db.Database.BeginTransactionAsync();
        var instance = await db.Instances.SingleAsync(i => i.Id == _instanceId);
        if (prepare is not null) await prepare(db);
        _queries.Reset();
        var scope = new StepScope(db, instance, Model, new InstanceState { DefinitionKey = "complaint" }, DateTimeOffset.UtcNow, newInstance);
        await _applier.ApplyAsync(scope, new StepResult(scope.State, [.. commands]), CancellationToken.None);
        var counted = (_queries.Reading("tasks"), _queries.Reading("timers"));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        _queries.Keep(counted);
    }

    private static CreateUserTask CreateTask(int id) =>
        new(id, $"task{id}", null, null, [], ["agents"], null, null, 0, null);

    private void Seed()
    {
        using var db = new SqliteWorkflowDbContext(_options);
        var definition = new DefinitionRecord { Key = "complaint", Version = 1, Xml = "<definitions/>", Hash = "h", PublishedBy = "system" };
        db.Definitions.Add(definition);
        db.SaveChanges();
        db.Instances.Add(new InstanceRecord
        {
            Id = _instanceId, DefinitionId = definition.Id, DefinitionKey = "complaint", DefinitionVersion = 1,
            Status = InstanceStatus.Running.Name, StateJson = "{}", StartedAt = DateTimeOffset.UtcNow,
        });
        foreach (var id in new[] { 1, 2, 3 })
        {
            var task = new TaskRecord
            {
                Id = Guid.CreateVersion7(), InstanceId = _instanceId, LocalId = id, DefinitionKey = "complaint", ElementId = $"task{id}",
                CandidateGroups = "agents", CreatedAt = DateTimeOffset.UtcNow, Status = UserTaskStatus.Open,
            };
            task.Candidates.Add(new TaskCandidate { Kind = TaskCandidate.Group, Name = "agents" });
            db.Tasks.Add(task);
        }
        foreach (var id in new[] { 1, 2 })
            db.Timers.Add(new TimerRecord
            {
                Id = Guid.CreateVersion7(), InstanceId = _instanceId, SubscriptionId = id, ElementId = $"timer{id}",
                DueAt = DateTimeOffset.UtcNow.AddHours(1), Status = TimerStatus.Pending,
            });
        db.SaveChanges();
    }

    /// <summary>Counts the queries that read from a table, during the commands only.</summary>
    private sealed class Queries : DbCommandInterceptor
    {
        private readonly List<string> _texts = [];
        private (int Tasks, int Timers)? _kept;

        public void Reset()
        {
            lock (_texts) _texts.Clear();
            _kept = null;
        }

        public void Keep((int Tasks, int Timers) counted) => _kept = counted;

        public int Reading(string table)
        {
            if (_kept is { } kept) return table == "tasks" ? kept.Tasks : kept.Timers;
            lock (_texts) return _texts.Count(t => t.Contains($"FROM \"{table}\"", StringComparison.Ordinal));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (_texts) _texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
