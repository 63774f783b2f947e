using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// Steps of the real runtime written in one batch (they queue behind a unit that keeps the batch open): a step that
/// throws, or that loses a race for its instance, is rolled back to its own savepoint and leaves its neighbours
/// committed; the loser is retried alone, and the steps beside it run once.
/// </summary>
public sealed class GroupCommitStepTests(RealClockRuntime runtime) : IClassFixture<RealClockRuntime>
{
    private const string Flow = "gc-flow";

    private static readonly string Process = TestBpmn.Tasks(Flow, "work");

    private InstanceRunner Runner => runtime.Host.Get<InstanceRunner>();

    [Fact]
    public async Task A_step_that_throws_inside_a_batch_leaves_the_other_steps_of_the_batch_committed()
    {
        var existing = await StartedAsync();
        var revision = await RevisionAsync(existing);
        var (held, release) = Hold();
        await held.Started;

        var first = Runner.StartAsync(Flow, "gc-first", null, "admin");
        var failing = Runner.HandleAsync(existing, async scope =>
        {
            scope.Instance.BusinessKey = "changed by a failed step";
            await scope.Db.SaveChangesAsync();
            throw new InvalidOperationException("the step failed after writing");
        });
        var second = Runner.StartAsync(Flow, "gc-second", null, "admin");
        release();

        Assert.Equal("the step failed after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await held.Done;
        foreach (var started in new[] { await first, await second })
            Assert.Equal("work", Assert.Single(await runtime.As("agent").TasksAsync(started.Instance.Id)).ElementId);
        var row = await runtime.Host.ReadAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.Id == existing));
        Assert.Equal((null, revision), (row.BusinessKey, row.Revision));
    }

    [Fact]
    public async Task A_step_that_loses_a_race_for_its_instance_inside_a_batch_is_retried_alone()
    {
        var existing = await StartedAsync();
        var revision = await RevisionAsync(existing);
        var (held, release) = Hold();
        await held.Started;
        var startRuns = 0;
        var cancelRuns = 0;

        var start = Runner.StartAsync(Flow, (_, _) =>
        {
            Interlocked.Increment(ref startRuns);
            return Task.FromResult(new StartInputs("gc-beside", null));
        }, "admin", null, null, null, CancellationToken.None);
        var cancel = Runner.HandleAsync(existing, async scope =>
        {
            // The first time, another writer moves the instance's revision after this step read it: its save conflicts.
            if (Interlocked.Increment(ref cancelRuns) == 1)
                await scope.Db.Instances.Where(i => i.Id == existing)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Revision, i => i.Revision + 1));
            return new CancelRequested("no longer needed", "admin") { At = scope.Now };
        });
        release();

        var cancelled = await cancel;
        await Task.WhenAll(start, held.Done);
        Assert.Equal((2, 1), (cancelRuns, startRuns));
        Assert.Equal("Cancelled", cancelled.Instance.Status);
        // The other writer's bump went with the conflicting attempt's savepoint; the retry wrote one revision.
        Assert.Equal(revision + 1, await RevisionAsync(existing));
        Assert.Equal("work", Assert.Single(await runtime.As("agent").TasksAsync((await start).Instance.Id)).ElementId);
    }

    private async Task<Guid> StartedAsync()
    {
        var admin = runtime.As("admin");
        await admin.DeployAsync(Process);
        return await admin.StartAsync(Flow);
    }

    private Task<int> RevisionAsync(Guid id) =>
        runtime.Host.ReadAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.Revision).SingleAsync());

    private ((Task Started, Task Done), Action Release) Hold() => OpenBatch.Hold(runtime.Host.Get<WriteBatcher>());
}
