using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Per-connection SQLite settings the connection string cannot carry: NORMAL sync is durable
/// in WAL mode up to the last checkpointed commit and much faster than FULL; the busy timeout
/// makes a writer wait for the lock instead of failing at once. They belong to the native
/// connection, which Microsoft.Data.Sqlite pools and reuses across opens, so they are set once
/// per native connection rather than at every open (a statement saved on every step).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    /// <summary>The native connections already set up; an entry goes when its connection is collected.</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    /// <summary>Sets the pragmas once per native connection; also for a connection opened without EF Core (<see cref="SqliteOpenConnections"/>).</summary>
    public static void Apply(DbConnection connection)
    {
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    // A pooled native connection serves one open connection at a time, so check-then-mark does not race.
    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, handle);
    }
}
