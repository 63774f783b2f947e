using WorkflowService.Runtime.Instances;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// The write gate queues one process's writers for SQLite's single write lock. It is not
/// reentrant, so a writer called from inside a step is refused at once rather than waiting for
/// itself forever.
/// </summary>
public sealed class StepWriteGateTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_turn_on_one_async_path_is_refused_instead_of_hanging(bool serialize)
    {
        var gate = new StepWriteGate(serialize);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            gate.RunAsync(() => gate.RunAsync(() => Task.FromResult(1), CancellationToken.None), CancellationToken.None));

        Assert.Contains("already holds the write gate", error.Message);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task Turns_on_separate_paths_run_one_at_a_time()
    {
        var gate = new StepWriteGate(serialize: true);
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => gate.RunAsync(async () =>
        {
            most = Math.Max(most, Interlocked.Increment(ref inside));
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
            return true;
        }, CancellationToken.None))));

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_turn_ends_when_its_body_fails()
    {
        var gate = new StepWriteGate(serialize: true);
        await Assert.ThrowsAsync<TimeoutException>(() => gate.RunAsync<int>(() => throw new TimeoutException(), CancellationToken.None));

        using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await gate.RunAsync(() => Task.FromResult(2), soon.Token));
    }
}
