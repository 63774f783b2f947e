using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// Group commit on a real SQLite file: units that queue while a batch is written share the next commit, each in a
/// savepoint of its own, so one that fails is rolled back alone; nobody is answered before the commit; a lone unit
/// does not wait for company; a unit cannot wait for its own batch.
/// </summary>
public sealed class WriteBatcherTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Units_that_queue_behind_a_batch_are_written_together_in_the_next_commit()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var drafts = Enumerable.Range(1, 8).Select(i => batcher.RunAsync(db => AddDraftAsync(db, $"p{i}"), CancellationToken.None)).ToList();
        release();
        await Task.WhenAll(drafts.Append(held.Done));

        Assert.Equal(8, await CountDraftsAsync());
        // The held unit's batch took the eight that queued behind it: one commit for nine units.
        Assert.Equal((1, 9), batcher.Written);
    }

    [Fact]
    public async Task A_unit_that_throws_is_rolled_back_alone_and_the_rest_of_its_batch_commits()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var before = batcher.RunAsync(db => AddDraftAsync(db, "before"), CancellationToken.None);
        var failing = batcher.RunAsync<bool>(async db =>
        {
            await AddDraftAsync(db, "failing"); // saved inside the batch's transaction, then the unit fails
            throw new InvalidOperationException("the form was refused");
        }, CancellationToken.None);
        var after = batcher.RunAsync(db => AddDraftAsync(db, "after"), CancellationToken.None);
        release();

        Assert.Equal("the form was refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Task.WhenAll(before, after, held.Done);
        await using var db = _file.Factory.Create();
        Assert.Equal(["after", "before"], await db.Drafts.Select(d => d.Key).OrderBy(k => k).ToListAsync());
        Assert.Equal((1, 3), batcher.Written);
    }

    [Fact]
    public async Task No_caller_is_answered_before_the_commit_that_holds_its_unit()
    {
        var batcher = _file.Batcher();
        var (first, releaseFirst) = OpenBatch.Hold(batcher);
        await first.Started;
        var early = batcher.RunAsync(db => AddDraftAsync(db, "early"), CancellationToken.None);
        var (last, releaseLast) = OpenBatch.Hold(batcher);
        releaseFirst();

        // "early" has been written in the open batch (the unit after it has started), but that batch has not committed.
        await last.Started;
        await Task.Delay(100);
        Assert.False(early.IsCompleted);
        Assert.Equal(0, await CountDraftsAsync());
        releaseLast();

        await early;
        Assert.Equal(1, await CountDraftsAsync());
        await Task.WhenAll(first.Done, last.Done);
        Assert.Equal((1, 3), batcher.Written);
    }

    [Fact]
    public async Task A_commit_that_fails_tells_every_unit_of_the_batch_that_nothing_was_written_and_the_next_batch_works()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var innocent = batcher.RunAsync(db => AddDraftAsync(db, "innocent"), CancellationToken.None);
        // A candidate row of a task that does not exist, its foreign key checked at COMMIT rather than at the insert.
        var orphan = batcher.RunAsync(db => AddOrphanCandidateAsync(db, deferred: true), CancellationToken.None);
        release();

        foreach (var unit in new[] { innocent, orphan, held.Done })
        {
            var error = await Assert.ThrowsAsync<WriteBatchAbortedException>(() => unit);
            Assert.Equal(TransientErrors.Busy, TransientRetry.Classify(error));
            Assert.Contains("FOREIGN KEY", error.InnerException!.Message);
        }
        Assert.Equal(0, await CountDraftsAsync());
        await batcher.RunAsync(db => AddDraftAsync(db, "next"), CancellationToken.None);
        Assert.Equal(1, await CountDraftsAsync());
    }

    [Fact]
    public async Task A_definition_read_in_a_batch_that_was_not_committed_is_not_kept_for_the_next_one_given_its_id()
    {
        var batcher = _file.Batcher();
        var cache = new DefinitionCache(new BpmnParser());
        batcher.Aborted += cache.Clear;
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        // Published and started in the same batch, which then fails to commit (a deferred foreign key of another unit).
        var publishedAndRead = batcher.RunAsync(async db =>
        {
            var definition = Definition("rolled-back");
            db.Definitions.Add(definition);
            await db.SaveChangesAsync();
            return (await cache.GetAsync(db, definition.Id, CancellationToken.None)).Key == "rolled-back" ? definition.Id : -1;
        }, CancellationToken.None);
        var orphan = batcher.RunAsync(db => AddOrphanCandidateAsync(db, deferred: true), CancellationToken.None);
        release();
        await Assert.ThrowsAsync<WriteBatchAbortedException>(() => publishedAndRead);
        await Assert.ThrowsAsync<WriteBatchAbortedException>(() => orphan);
        await Assert.ThrowsAsync<WriteBatchAbortedException>(() => held.Done);

        // SQLite gives the rolled-back id to the next definition: the cache must answer with that one.
        await using var db = _file.Factory.Create();
        var next = Definition("published-next");
        db.Definitions.Add(next);
        await db.SaveChangesAsync();
        Assert.Equal("published-next", (await cache.GetAsync(db, next.Id, CancellationToken.None)).Key);
    }

    private static DefinitionRecord Definition(string key) => new()
    {
        Key = key, Version = 1, Hash = key, PublishedBy = "test",
        Xml = TestBpmn.Process(key, $"""<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />{TestBpmn.Flows("start", "end")}"""),
    };

    [Fact]
    public async Task A_unit_whose_insert_breaks_a_foreign_key_at_once_fails_alone()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var orphan = batcher.RunAsync(db => AddOrphanCandidateAsync(db, deferred: false), CancellationToken.None);
        var after = batcher.RunAsync(db => AddDraftAsync(db, "after"), CancellationToken.None);
        release();

        Assert.Contains("FOREIGN KEY", (await Assert.ThrowsAsync<DbUpdateException>(() => orphan)).InnerException!.Message);
        await Task.WhenAll(after, held.Done);
        Assert.Equal(1, await CountDraftsAsync());
    }

    [Fact]
    public async Task A_refused_unit_is_answered_after_its_batch_commits_so_its_caller_sees_what_refused_it()
    {
        var batcher = _file.Batcher();
        var (first, releaseFirst) = OpenBatch.Hold(batcher);
        await first.Started;
        var saved = batcher.RunAsync(db => AddDraftAsync(db, "same"), CancellationToken.None);
        // Refused by the unique key because of the unit before it in the same batch; its caller then looks on its own connection.
        var refused = batcher.RunAsync(db => AddDraftAsync(db, "same"), CancellationToken.None)
            .ContinueWith(async t => (t.Exception?.InnerException, await CountDraftsAsync()), TaskScheduler.Default).Unwrap();
        var (last, releaseLast) = OpenBatch.Hold(batcher);
        releaseFirst();
        await last.Started;

        // The batch stays open a while: a caller answered before the commit would look now and find nothing.
        await Task.WhenAny(refused, Task.Delay(300));
        releaseLast();
        var (error, seen) = await refused;

        Assert.IsType<DbUpdateException>(error);
        Assert.Equal(1, seen);
        await Task.WhenAll(saved, first.Done, last.Done);
    }

    [Fact]
    public async Task A_lone_unit_is_committed_at_once_however_long_a_batch_may_wait_to_fill()
    {
        var batcher = _file.Batcher(new BatchingOptions { MaxWait = TimeSpan.FromSeconds(1) });
        await batcher.RunAsync(db => AddDraftAsync(db, "warm-up"), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await batcher.RunAsync(db => AddDraftAsync(db, "alone"), CancellationToken.None);

        // Waiting for company would take the whole second; a lone unit takes about a millisecond (far less than this bound on a busy machine).
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900), $"a lone unit took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal((2, 2), batcher.Written);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_configured_number_of_units()
    {
        var batcher = _file.Batcher(new BatchingOptions { MaxSteps = 3 });
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var drafts = Enumerable.Range(1, 7).Select(i => batcher.RunAsync(db => AddDraftAsync(db, $"p{i}"), CancellationToken.None)).ToList();
        release();
        await Task.WhenAll(drafts.Append(held.Done));

        // [held, p1, p2], [p3, p4, p5], [p6, p7]
        Assert.Equal((3, 8), batcher.Written);
        Assert.Equal(7, await CountDraftsAsync());
    }

    [Fact]
    public async Task A_unit_whose_caller_gave_up_before_its_turn_is_not_run()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;
        using var giveUp = new CancellationTokenSource();

        var abandoned = batcher.RunAsync(db => AddDraftAsync(db, "abandoned"), giveUp.Token);
        await giveUp.CancelAsync();
        release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await held.Done;
        Assert.Equal(0, await CountDraftsAsync());
    }

    [Fact]
    public async Task A_unit_runs_in_its_callers_culture()
    {
        var batcher = _file.Batcher();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var seen = await batcher.RunAsync(_ => Task.FromResult(CultureInfo.CurrentUICulture.Name), CancellationToken.None);
            Assert.Equal("zh-CN", seen);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_writer_called_from_inside_a_unit_is_refused_instead_of_waiting_for_its_own_batch()
    {
        var batcher = _file.Batcher();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            batcher.RunAsync(_ => batcher.RunAsync(_ => Task.FromResult(1), CancellationToken.None), CancellationToken.None));

        Assert.Contains("already holds the write gate", error.Message);
        Assert.False(batcher.IsHeld);
        Assert.Equal(2, await batcher.RunAsync(_ => Task.FromResult(2), CancellationToken.None));
    }

    [Fact]
    public async Task A_unit_run_alone_waits_for_the_open_batch_to_commit()
    {
        var batcher = _file.Batcher();
        var (held, release) = OpenBatch.Hold(batcher);
        await held.Started;

        var alone = batcher.RunAloneAsync(CountDraftsAsync, CancellationToken.None);
        var queued = batcher.RunAsync(db => AddDraftAsync(db, "queued"), CancellationToken.None);
        release();

        // Behind the held batch: it sees nothing of the unit queued after it, which waits for its own batch.
        Assert.Equal(0, await alone);
        await Task.WhenAll(queued, held.Done);
        Assert.Equal(1, await CountDraftsAsync());
        Assert.Equal((2, 2), batcher.Written);
    }

    [Theory]
    [InlineData(0, 0, 4, "Storage:Batching:MaxSteps")]
    [InlineData(64, 2000, 4, "Storage:Batching:MaxWait")]
    [InlineData(64, 0, 0, "Storage:Batching:Lanes")]
    public void A_setting_out_of_range_is_refused_by_name(int maxSteps, int maxWaitMs, int lanes, string setting)
    {
        var options = new BatchingOptions { MaxSteps = maxSteps, MaxWait = TimeSpan.FromMilliseconds(maxWaitMs), Lanes = lanes };

        var error = Assert.Throws<InvalidOperationException>(() => _file.Batcher(options));

        Assert.StartsWith(setting + " must be between", error.Message);
    }

    /// <summary>A candidate row of a task that does not exist: refused by its foreign key at the insert, or at COMMIT when deferred.</summary>
    private static async Task<bool> AddOrphanCandidateAsync(WorkflowDbContext db, bool deferred)
    {
        if (deferred) await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON");
        db.Set<TaskCandidate>().Add(new TaskCandidate { TaskId = Guid.NewGuid(), Kind = TaskCandidate.Group, Name = "agents" });
        await db.SaveChangesAsync();
        return true;
    }

    private static async Task<bool> AddDraftAsync(WorkflowDbContext db, string key)
    {
        db.Drafts.Add(new DraftRecord { Key = key, Xml = "<definitions/>", SavedBy = "test" });
        await db.SaveChangesAsync();
        return true;
    }

    private async Task<int> CountDraftsAsync()
    {
        await using var db = _file.Factory.Create();
        return await db.Drafts.CountAsync();
    }
}
