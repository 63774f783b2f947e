using Microsoft.EntityFrameworkCore;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// A lock across every node on the database, held until disposed: a PostgreSQL session advisory
/// lock on a connection of its own. On SQLite, where there is one node, it is no lock at all.
/// </summary>
public sealed class ClusterLock : IAsyncDisposable
{
    private readonly WorkflowDbContext _db;
    private readonly string _name;

    private ClusterLock(WorkflowDbContext db, string name)
    {
        _db = db;
        _name = name;
    }

    public static async Task<ClusterLock> AcquireAsync(WorkflowDbFactory dbFactory, string name, CancellationToken ct)
    {
        var db = dbFactory.Create();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtext({name}))", ct);
            }
            return new ClusterLock(db, name);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Released explicitly: a pooled connection would otherwise keep the lock until it is reused and reset.
        if (_db.Database.IsNpgsql()) await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext({_name}))");
        await _db.DisposeAsync();
    }

    /// <summary>
    /// Locks <paramref name="name"/> across the nodes until the context's current transaction ends
    /// (a PostgreSQL transaction advisory lock). On SQLite a write transaction holds the database
    /// already, so there is nothing to add.
    /// </summary>
    public static async Task ForTransactionAsync(WorkflowDbContext db, string name, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException($"The lock on '{name}' is taken inside a transaction");
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({name}))", ct);
    }

    /// <summary>The lock name that orders a process's publications and its start timers' firings.</summary>
    public static string ForProcess(string definitionKey) => $"process:{definitionKey}";
}
