namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// <see cref="ClusterLock"/> for code outside the runtime (the web's start-up seeding), so that it takes a lock
/// across the nodes without being handed the database.
/// </summary>
public sealed class ClusterLocks(WorkflowDbFactory dbFactory)
{
    /// <summary>Held until disposed.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct) =>
        await ClusterLock.AcquireAsync(dbFactory, name, ct);
}
