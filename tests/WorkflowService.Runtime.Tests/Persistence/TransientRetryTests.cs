using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// The one retry policy of the runtime's writers: which failures are worth doing the write again
/// for, and that it stops (after its bound, at a real error, at cancellation).
/// </summary>
public sealed class TransientRetryTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_write_to_a_file_another_connection_holds_locked_is_busy()
    {
        await using var holder = await _file.LockAsync();
        var error = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var db = _file.Factory.Create();
            await db.Database.BeginTransactionAsync();
        });

        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY: "database is locked"
        Assert.Equal(TransientErrors.Busy, TransientRetry.Classify(error));
    }

    [Fact]
    public async Task A_second_insert_of_one_key_is_a_unique_key_race()
    {
        await using (var db = _file.Factory.Create())
        {
            db.Drafts.Add(new DraftRecord { Key = "complaint", Xml = "<a/>", SavedBy = "li.wei" });
            await db.SaveChangesAsync();
        }
        await using var second = _file.Factory.Create();
        second.Drafts.Add(new DraftRecord { Key = "complaint", Xml = "<b/>", SavedBy = "wang.fang" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.Equal(TransientErrors.UniqueKeyRace, TransientRetry.Classify(error));
    }

    [Fact]
    public async Task A_missing_parent_row_is_no_race_and_not_retried()
    {
        await using var db = _file.Factory.Create();
        db.GroupMembers.Add(new GroupMember { GroupName = "nobody-made-this-group", UserName = "li.wei" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(19, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // a constraint, but a foreign key
        Assert.Null(TransientRetry.Classify(error));
    }

    [Fact]
    public void Each_transient_failure_is_classified_by_its_kind()
    {
        Assert.Equal(TransientErrors.Conflict, TransientRetry.Classify(new DbUpdateConcurrencyException("revision moved")));
        Assert.Equal(TransientErrors.Busy, TransientRetry.Classify(new SqliteException("database table is locked", 6)));
        Assert.Equal(TransientErrors.Conflict, TransientRetry.Classify(Postgres("40001")));
        Assert.Equal(TransientErrors.Conflict, TransientRetry.Classify(Postgres("40P01")));
        Assert.Equal(TransientErrors.UniqueKeyRace, TransientRetry.Classify(Postgres("23505")));
        Assert.Equal(TransientErrors.Busy, TransientRetry.Classify(new DbUpdateException("save failed", new SqliteException("busy", 5))));
        Assert.Null(TransientRetry.Classify(Postgres("23503"))); // foreign_key_violation
        Assert.Null(TransientRetry.Classify(new SqliteException("disk I/O error", 10)));
        Assert.Null(TransientRetry.Classify(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_busy_database_is_tried_again_until_the_write_goes_through()
    {
        var attempts = 0;
        var result = await Policy().RunAsync("test", async _ =>
        {
            await Task.Yield();
            if (++attempts < 3) throw new SqliteException("database is locked", 5);
            return "written";
        }, CancellationToken.None);

        Assert.Equal(("written", 3), (result, attempts));
    }

    [Fact]
    public async Task The_policy_gives_up_after_its_bound_with_the_last_error()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<SqliteException>(() => Policy(maxAttempts: 4).RunAsync<int>("test", _ =>
        {
            attempts++;
            throw new SqliteException($"database is locked ({attempts})", 5);
        }, CancellationToken.None));

        Assert.Equal(4, attempts);
        Assert.Equal("database is locked (4)", error.Message);
    }

    [Fact]
    public async Task A_unique_key_race_is_retried_only_where_the_writer_declares_it()
    {
        var attempts = 0;
        Task<int> Racing(int _) => ++attempts == 1 ? throw Postgres("23505") : Task.FromResult(attempts);

        await Assert.ThrowsAsync<PostgresException>(() => Policy().RunAsync("undeclared", Racing, CancellationToken.None));
        Assert.Equal(1, attempts);

        attempts = 0;
        var result = await Policy().RunAsync("declared", Racing, CancellationToken.None,
            TransientErrors.Default | TransientErrors.UniqueKeyRace);
        Assert.Equal(2, result);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<ConflictException>(() => Policy().RunAsync<int>("test", _ =>
        {
            attempts++;
            throw new ConflictException("already claimed");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy(maxAttempts: 100).RunAsync<int>("test", _ =>
        {
            if (++attempts == 2) cancel.Cancel();
            throw new SqliteException("database is locked", 5);
        }, cancel.Token));

        Assert.Equal(2, attempts);
    }

    [Fact]
    public void The_backoff_is_random_bounded_and_grows_with_the_attempts()
    {
        var first = Enumerable.Range(0, 200).Select(_ => TransientRetry.Backoff(1)).ToList();
        var late = Enumerable.Range(0, 200).Select(_ => TransientRetry.Backoff(30)).ToList();

        Assert.All(first, d => Assert.InRange(d.TotalMilliseconds, 1, 10));
        Assert.All(late, d => Assert.InRange(d.TotalMilliseconds, 1, 500));
        Assert.True(first.Distinct().Count() > 1, "jittered");
        Assert.True(late.Average(d => d.TotalMilliseconds) > 100, "later attempts wait longer");
    }

    private static TransientRetry Policy(int maxAttempts = TransientRetry.DefaultMaxAttempts) =>
        new(NullLogger<TransientRetry>.Instance, maxAttempts);

    private static PostgresException Postgres(string sqlState) => new("simulated", "ERROR", "ERROR", sqlState);
}
