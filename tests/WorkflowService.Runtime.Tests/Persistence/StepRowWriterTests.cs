using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// <see cref="StepRowWriter"/> on real SQLite files: it leaves exactly the rows SaveChanges leaves, refuses a row that moved
/// as SaveChanges does, and hands every change it does not know to SaveChanges.
/// </summary>
public sealed class StepRowWriterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid InstanceId = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly Guid FirstTask = Guid.Parse("0193a1b2-0000-7000-8000-000000000002");
    private static readonly Guid NextTask = Guid.Parse("0193a1b2-0000-7000-8000-000000000003");
    private static readonly Guid TimerId = Guid.Parse("0193a1b2-0000-7000-8000-000000000004");

    private readonly string _folder = Directory.CreateTempSubdirectory("rows-").FullName;
    private readonly SavesSeen _saves = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_start_and_a_completion_leave_the_same_rows_as_SaveChanges_does()
    {
        var written = Database("writer");
        var saved = Database("savechanges");
        foreach (var options in new[] { written, saved })
        {
            Func<WorkflowDbContext, Task> save = options == written ? db => StepRowWriter.SaveAsync(db, default) : db => db.SaveChangesAsync();
            await InTransactionAsync(options, db =>
            {
                Start(db);
                return save(db);
            });
            await InTransactionAsync(options, async db =>
            {
                await CompleteAsync(db);
                await save(db);
            });
        }

        foreach (var table in new[] { "instances", "tasks", "task_candidates", "timers" })
            Assert.Equal(await DumpAsync(saved, table), await DumpAsync(written, table));
        Assert.Equal(4, (await DumpAsync(written, "tasks")).Count + (await DumpAsync(written, "task_candidates")).Count);
        Assert.Equal(0, _saves.Count(written));
    }

    [Fact]
    public async Task An_instance_that_moved_since_it_was_read_is_a_concurrency_conflict_and_nothing_is_written()
    {
        var options = await StartedAsync("conflict");

        await using var db = new SqliteWorkflowDbContext(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        var instance = await db.Instances.SingleAsync();
        // Another writer's step, committed after this one read the instance (here, in the same transaction).
        await db.Database.ExecuteSqlAsync($"UPDATE instances SET \"Revision\" = 7 WHERE \"Id\" = {InstanceId}");
        instance.StateJson = "{\"moved\":true}";
        instance.Revision++;
        db.Timers.Add(Timer(Guid.NewGuid()));

        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => StepRowWriter.SaveAsync(db, default));
        Assert.Contains("instances", error.Message, StringComparison.Ordinal);
        Assert.Equal(TransientErrors.Conflict, TransientRetry.Classify(error));
        await tx.RollbackAsync();
        Assert.Equal(1, await db.Timers.CountAsync());
        Assert.Equal("{}", await db.Instances.Select(i => i.StateJson).SingleAsync());
    }

    [Fact]
    public async Task A_key_taken_meanwhile_is_reported_as_SaveChanges_reports_it()
    {
        var options = await StartedAsync("unique");

        await using var db = new SqliteWorkflowDbContext(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Timers.Add(Timer(TimerId));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => StepRowWriter.SaveAsync(db, default));

        Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(TransientErrors.UniqueKeyRace, TransientRetry.Classify(error));
    }

    [Fact]
    public async Task A_change_outside_the_step_tables_or_outside_a_transaction_goes_through_SaveChanges()
    {
        var options = Database("routing");
        await InTransactionAsync(options, db =>
        {
            Start(db);
            db.Drafts.Add(new DraftRecord { Key = "repair", Xml = "<x/>", SavedBy = "owner", SavedAt = Now });
            return StepRowWriter.SaveAsync(db, default);
        });
        Assert.Equal(1, _saves.Count(options));

        await using (var db = new SqliteWorkflowDbContext(options))
        {
            db.Timers.Add(Timer(Guid.NewGuid()));
            await StepRowWriter.SaveAsync(db, default);
        }
        Assert.Equal(2, _saves.Count(options));

        await using var check = new SqliteWorkflowDbContext(options);
        Assert.Equal(1, await check.Drafts.CountAsync());
        Assert.Equal(2, await check.Timers.CountAsync());
        Assert.Equal(1, await check.Instances.CountAsync());
    }

    [Fact]
    public async Task A_row_removed_and_added_again_under_its_key_goes_through_SaveChanges_and_keeps_its_dependents()
    {
        var options = await StartedAsync("replaced");

        await InTransactionAsync(options, async db =>
        {
            var task = await db.Tasks.AsNoTracking().SingleAsync();
            var tracked = await db.Tasks.SingleAsync();
            db.Tasks.Remove(tracked);
            task.Name = "受理申请（重开）";
            task.Candidates = [];
            db.Tasks.Add(task);
            await StepRowWriter.SaveAsync(db, default);
        });

        Assert.Equal(1, _saves.Count(options));
        await using var check = new SqliteWorkflowDbContext(options);
        Assert.Equal("受理申请（重开）", await check.Tasks.Select(t => t.Name).SingleAsync());
        Assert.Equal(2, await check.Set<TaskCandidate>().CountAsync());
    }

    private DbContextOptions<SqliteWorkflowDbContext> Database(string name)
    {
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, name + ".db")};Pooling=False")
            .AddInterceptors(new SqliteStatementReuse(), _saves)
            .Options;
        using var db = new SqliteWorkflowDbContext(options);
        db.Database.Migrate();
        db.Definitions.Add(new DefinitionRecord { Key = "repair", Version = 1, Xml = "<x/>", Hash = "h", PublishedBy = "owner", PublishedAt = Now });
        db.SaveChanges();
        _saves.Forget(db.Database.GetConnectionString()!);
        return options;
    }

    /// <summary>A database whose instance was started through the writer (<see cref="Start"/>).</summary>
    private async Task<DbContextOptions<SqliteWorkflowDbContext>> StartedAsync(string name)
    {
        var options = Database(name);
        await InTransactionAsync(options, db =>
        {
            Start(db);
            return StepRowWriter.SaveAsync(db, default);
        });
        return options;
    }

    private static async Task InTransactionAsync(DbContextOptions<SqliteWorkflowDbContext> options, Func<WorkflowDbContext, Task> step)
    {
        await using var db = new SqliteWorkflowDbContext(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        await step(db);
        await tx.CommitAsync();
    }

    /// <summary>A start's rows: the instance, its first task with two candidates, the task's timer.</summary>
    private static void Start(WorkflowDbContext db)
    {
        var definition = db.Definitions.Single();
        db.Instances.Add(new InstanceRecord
        {
            Id = InstanceId, DefinitionId = definition.Id, DefinitionKey = "repair", DefinitionVersion = 1, BusinessKey = "WO-1",
            Status = "Running", StateJson = "{}", StartedBy = "agent", StartedAt = Now,
        });
        db.Tasks.Add(new TaskRecord
        {
            Id = FirstTask, InstanceId = InstanceId, LocalId = 1, DefinitionKey = "repair", ElementId = "acceptRequest", Name = "受理申请",
            CandidateGroups = "desk", CandidateUsers = "li", DueAt = Now.AddDays(1), Priority = 50, CreatedAt = Now, Status = "Open",
            Candidates =
            [
                new TaskCandidate { Kind = TaskCandidate.Group, Name = "desk", DueAt = Now.AddDays(1), Priority = 50 },
                new TaskCandidate { Kind = TaskCandidate.User, Name = "li", DueAt = Now.AddDays(1), Priority = 50 },
            ],
        });
        db.Timers.Add(Timer(TimerId));
    }

    /// <summary>A completion's changes: the instance moves on, the task closes and loses a candidate, a task is opened, the timer cancelled.</summary>
    private static async Task CompleteAsync(WorkflowDbContext db)
    {
        var instance = await db.Instances.SingleAsync();
        instance.StateJson = "{\"at\":\"dispatch\"}";
        instance.Revision++;
        var task = await db.Tasks.Include(t => t.Candidates).SingleAsync();
        task.Status = "Completed";
        task.CompletedBy = "li";
        task.EndedAt = Now.AddHours(2);
        task.Revision++;
        db.Remove(task.Candidates.Single(c => c.Kind == TaskCandidate.Group));
        db.Tasks.Add(new TaskRecord
        {
            Id = NextTask, InstanceId = InstanceId, LocalId = 2, DefinitionKey = "repair", ElementId = "dispatchEngineer", Name = "派工",
            CandidateGroups = "dispatch", CreatedAt = Now.AddHours(2), Status = "Open",
            Candidates = [new TaskCandidate { Kind = TaskCandidate.Group, Name = "dispatch" }],
        });
        (await db.Timers.SingleAsync()).Status = "Cancelled";
    }

    private static TimerRecord Timer(Guid id) => new()
    {
        Id = id, InstanceId = InstanceId, SubscriptionId = 1, ElementId = "acceptWithin24h", DueAt = Now.AddDays(1), Status = "Pending",
    };

    private static async Task<List<string>> DumpAsync(DbContextOptions<SqliteWorkflowDbContext> options, string table)
    {
        await using var db = new SqliteWorkflowDbContext(options);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2, 3";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}")));
        return rows;
    }

    /// <summary>SaveChanges calls per database file.</summary>
    private sealed class SavesSeen : SaveChangesInterceptor
    {
        private readonly Dictionary<string, int> _counts = [];

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var key = eventData.Context!.Database.GetConnectionString()!;
            lock (_counts) _counts[key] = _counts.GetValueOrDefault(key) + 1;
            return ValueTask.FromResult(result);
        }

        public int Count(DbContextOptions<SqliteWorkflowDbContext> options)
        {
            using var db = new SqliteWorkflowDbContext(options);
            lock (_counts) return _counts.GetValueOrDefault(db.Database.GetConnectionString()!);
        }

        public void Forget(string key)
        {
            lock (_counts) _counts.Remove(key);
        }
    }
}
