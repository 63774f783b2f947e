using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// Writers outside a step (here the designer's draft saves) on a real SQLite file whose
/// connections wait one second for the write lock: they queue behind the process's other writers
/// at the write gate instead of timing out in SQLite, and a lock held by another process is
/// waited out by the retry policy.
/// </summary>
public sealed class WriteContentionTests : IDisposable
{
    private static readonly TimeSpan LongerThanAWriterWaits = SqliteFile.LockWait * 1.5;

    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_draft_save_waits_for_its_turn_behind_a_step_that_holds_the_lock_longer_than_sqlite_waits()
    {
        var process = _file.Process();
        var drafts = Drafts(process);
        var (step, holding) = HoldLockInTurn(process);
        await holding;

        var saved = await drafts.SaveAsync(Diagram("complaint"), "li.wei", editedKey: null);
        await step;

        Assert.Equal("complaint", saved.Key);
        Assert.Equal("li.wei", await _file.Factory.Create().Drafts.Where(d => d.Key == "complaint").Select(d => d.SavedBy).SingleAsync());
    }

    [Fact]
    public async Task A_writer_that_bypasses_the_gate_meets_database_is_locked_behind_the_same_step()
    {
        var (step, holding) = HoldLockInTurn(_file.Process());
        await holding;

        await using var db = _file.Factory.Create();
        db.Drafts.Add(new DraftRecord { Key = "complaint", Xml = Diagram("complaint"), SavedBy = "li.wei" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await step;

        Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
    }

    [Fact]
    public async Task A_lock_another_process_holds_is_waited_out_by_retrying()
    {
        var drafts = Drafts(_file.Process());
        var holder = await _file.LockAsync();
        var release = Task.Run(async () =>
        {
            await Task.Delay(LongerThanAWriterWaits);
            await holder.DisposeAsync();
        });

        var saved = await drafts.SaveAsync(Diagram("repair"), "wang.fang", editedKey: null);
        await release;

        Assert.Equal("repair", saved.Key);
    }

    [Fact]
    public async Task Concurrent_first_saves_of_one_process_draft_and_of_new_diagrams_all_succeed()
    {
        var drafts = Drafts(_file.Process());
        var users = Enumerable.Range(1, 8).Select(i => $"user{i}").ToList();

        // All editing the process 'complaint' (published, no draft yet): each save is the draft's first.
        var sameKey = users.Select(u => Task.Run(() => drafts.SaveAsync(Diagram("complaint"), u, editedKey: "complaint")));
        var ownKeys = users.Select(u => Task.Run(() => drafts.SaveAsync(Diagram($"process-{u}"), u, editedKey: null)));
        await Task.WhenAll(sameKey.Concat(ownKeys));

        await using var db = _file.Factory.Create();
        Assert.Equal(users.Count + 1, await db.Drafts.CountAsync());
        Assert.Contains(await db.Drafts.Where(d => d.Key == "complaint").Select(d => d.SavedBy).SingleAsync(), users);
    }

    [Fact]
    public async Task Of_new_diagrams_racing_for_one_key_one_is_saved_and_the_others_are_told_the_key_is_taken()
    {
        var drafts = Drafts(_file.Process());
        var users = Enumerable.Range(1, 6).Select(i => $"user{i}").ToList();

        var saves = users.Select(u => Task.Run(async () =>
        {
            try
            {
                return (await drafts.SaveAsync(Diagram("warranty"), u, editedKey: null)).SavedBy;
            }
            catch (ConflictException)
            {
                return null;
            }
        }));
        var saved = Assert.Single((await Task.WhenAll(saves)).OfType<string>());

        await using var db = _file.Factory.Create();
        Assert.Equal(saved, await db.Drafts.Where(d => d.Key == "warranty").Select(d => d.SavedBy).SingleAsync());
    }

    /// <summary>A step of the same process that holds the write turn and SQLite's lock for longer than a writer waits for it.</summary>
    private (Task Step, Task Holding) HoldLockInTurn(TransactionRunner process)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var step = Task.Run(() => process.RunAsync("long step", async db =>
        {
            db.Drafts.Add(new DraftRecord { Key = "held", Xml = Diagram("held"), SavedBy = "system" });
            await db.SaveChangesAsync();
            holding.SetResult();
            await Task.Delay(LongerThanAWriterWaits);
        }, CancellationToken.None));
        return (step, holding.Task);
    }

    private DraftService Drafts(TransactionRunner process) =>
        new(_file.Factory, process, new BpmnParser(), TimeProvider.System, NullLogger<DraftService>.Instance);

    private static string Diagram(string key) =>
        $"""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="{key}" isExecutable="true" /></definitions>""";
}
