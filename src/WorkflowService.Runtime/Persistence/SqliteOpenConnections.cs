using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Open SQLite connections lent to the service's contexts and taken back when a context is disposed, instead of a new
/// connection object opened and closed by every context. A compiled statement lives only as long as its connection is
/// open (<see cref="SqliteStatementReuse"/>), so with a connection per context every request compiled its queries again:
/// completing a task spent about a third of its CPU compiling the one query that checks the task is the caller's. A
/// connection is lent to one context at a time; one given back inside a transaction is closed, not lent again.
/// </summary>
internal sealed class SqliteOpenConnections(string connectionString) : IDisposable
{
    /// <summary>Idle connections kept; more at once (a burst of requests) are closed when given back.</summary>
    internal static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly ConcurrentStack<SqliteConnection> _idle = new();

    /// <summary>The database file's folder, made before the first connection opens (a fresh data folder: the first context
    /// is created before the start-up makes it); null for an in-memory database.</summary>
    private readonly string? _folder = FolderOf(connectionString);
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>Idle connections now (for tests).</summary>
    internal int IdleCount => Volatile.Read(ref _idleCount);

    /// <summary>Gives <paramref name="db"/> an open connection, taken back when it is disposed.</summary>
    public TContext Lend<TContext>(TContext db) where TContext : WorkflowDbContext
    {
        var connection = Rent();
        try
        {
            db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            db.Borrow(connection, this);
            return db;
        }
        catch
        {
            Return(connection);
            db.Dispose();
            throw;
        }
    }

    private SqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }
        if (_folder is not null) Directory.CreateDirectory(_folder);
        var connection = new SqliteConnection(connectionString);
        try
        {
            GiveEfCoreFunctions(connection);
            connection.Open();
            SqlitePragmas.Apply(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Takes a connection back; one that is closed, still in a transaction, or one too many is closed for good.</summary>
    public void Return(SqliteConnection connection)
    {
        if (!_disposed && Reusable(connection))
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Push(connection);
                if (_disposed) CloseIdle();
                return;
            }
            Interlocked.Decrement(ref _idleCount);
        }
        connection.Dispose();
    }

    /// <summary>
    /// Registers on <paramref name="connection"/> what EF Core registers on a connection it makes itself (its SQL functions
    /// — <c>regexp</c>, <c>ef_mod</c>, the decimal helpers — and the <c>EF_DECIMAL</c> collation), which a connection handed
    /// to a context does not get: EF Core does it for a connection given in a context's options, so a throwaway context is
    /// built over it.
    /// </summary>
    private static void GiveEfCoreFunctions(SqliteConnection connection)
    {
        using var context = new DbContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
        _ = context.Database.GetDbConnection();
    }

    private static string? FolderOf(string connectionString)
    {
        var options = new SqliteConnectionStringBuilder(connectionString);
        var file = options.DataSource;
        if (options.Mode == SqliteOpenMode.Memory || file is "" or ":memory:" || file.StartsWith("file:", StringComparison.Ordinal))
            return null;
        return Path.GetDirectoryName(Path.GetFullPath(file));
    }

    /// <summary>Open and out of any transaction (SQLite's autocommit mode): what the next context expects of a new connection.</summary>
    private static bool Reusable(SqliteConnection connection) =>
        connection is { State: ConnectionState.Open, Handle: { } handle } && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }
}
