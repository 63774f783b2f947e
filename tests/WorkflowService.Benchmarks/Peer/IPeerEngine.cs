namespace WorkflowService.Benchmarks.Peer;

/// <summary>
/// One engine on one storage, driven through the same workload: start an instance that waits for
/// an event correlated by <c>key</c>, then deliver the event so that it resumes and ends. The
/// settle calls wait for work an engine does after its call has returned (WorkflowCore runs steps
/// on background consumers; ours runs them inside the call, so its settle calls only check).
/// </summary>
internal interface IPeerEngine : IAsyncDisposable
{
    string Engine { get; }
    string Storage { get; }

    Task StartAsync(string key);

    /// <summary>Returns once <paramref name="total"/> instances (since the host started) have reached the wait.</summary>
    Task SettleStartsAsync(int total, TimeSpan timeout);

    Task PublishAsync(string key);

    /// <summary>Returns once <paramref name="total"/> instances (since the host started) have ended.</summary>
    Task SettleEndsAsync(int total, TimeSpan timeout);

    /// <summary>Instances ended since the host started: checks that none ends before its event.</summary>
    Task<int> EndedAsync();
}

internal static class Settle
{
    /// <summary>Polls <paramref name="count"/> every 10 ms until it reaches <paramref name="total"/>.</summary>
    public static async Task UntilAsync(Func<Task<int>> count, int total, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        int seen;
        while ((seen = await count()) < total)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: {seen} of {total} after {timeout}");
            await Task.Delay(10);
        }
    }
}
