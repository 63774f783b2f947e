using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// A real SQLite file with the production context and migrations, whose connections give up
/// waiting for the write lock after one second (the service waits ten), so a test can hold the
/// lock longer than a writer is willing to wait without taking minutes.
/// </summary>
public sealed class SqliteFile : IDisposable
{
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("write-").FullName;

    public SqliteFile()
    {
        ConnectionString = $"Data Source={Path.Combine(_folder, "workflow.db")};Pooling=False;Default Timeout={(int)LockWait.TotalSeconds}";
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite(ConnectionString).Options;
        Factory = new WorkflowDbFactory(() => new SqliteWorkflowDbContext(options));
        using var db = Factory.Create();
        db.Database.Migrate();
    }

    public string ConnectionString { get; }
    public WorkflowDbFactory Factory { get; }

    private readonly List<WriteBatcher> _batchers = [];

    /// <summary>The write batcher of one service process on this file (one lane, as the service has on SQLite).</summary>
    public WriteBatcher Batcher(BatchingOptions? options = null)
    {
        var batcher = new WriteBatcher(Factory, options ?? new BatchingOptions(), 1, NullLogger<WriteBatcher>.Instance);
        _batchers.Add(batcher);
        return batcher;
    }

    /// <summary>The writers of one service process on this file: one batcher, one retry policy.</summary>
    public TransactionRunner Process(WriteBatcher? batcher = null) =>
        new(batcher ?? Batcher(), new TransientRetry(NullLogger<TransientRetry>.Instance));

    /// <summary>Takes the file's write lock from outside the service (another process, a backup tool) until disposed.</summary>
    public async Task<SqliteConnection> LockAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    public void Dispose()
    {
        foreach (var batcher in _batchers) batcher.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
