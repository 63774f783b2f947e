using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>A unit of work that keeps its write batch open until released, so the units queued meanwhile share the batch.</summary>
public static class OpenBatch
{
    /// <returns>When the unit has started (its batch is open), when it is done (its batch ended), and its release.</returns>
    public static ((Task Started, Task Done), Action Release) Hold(WriteBatcher batcher)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = batcher.RunAsync(async _ =>
        {
            started.SetResult();
            await release.Task;
            return true;
        }, CancellationToken.None);
        return ((started.Task, done), release.SetResult);
    }
}
