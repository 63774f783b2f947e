using Npgsql;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL server the scale-out tests run on: <c>WORKFLOWSERVICE_POSTGRES</c> holds a
/// connection string without a database (as <c>.ci/run</c> exports it). Without it the tests
/// skip, saying why, unless <c>WORKFLOWSERVICE_REQUIRE_POSTGRES=1</c> (CI): then they fail, so a
/// CI run can never pass by testing nothing on PostgreSQL.
/// </summary>
public static class PostgreSqlServer
{
    public const string ConnectionVariable = "WORKFLOWSERVICE_POSTGRES";
    public const string RequireVariable = "WORKFLOWSERVICE_REQUIRE_POSTGRES";

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The server's connection string; skips the calling [SkippableFact] or fails when CI requires PostgreSQL.</summary>
    public static string Require()
    {
        if (ConnectionString is { } configured) return configured;
        var reason = $"{ConnectionVariable} is not set (a connection string without a database, " +
                     "e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\")";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            throw new Xunit.Sdk.XunitException($"PostgreSQL is required ({RequireVariable}=1), but {reason}");
        throw new SkipException($"PostgreSQL test skipped: {reason}");
    }
}

/// <summary>A database of its own on the test server (<c>workflow_test_&lt;random&gt;</c>), dropped when disposed.</summary>
public sealed class PostgreSqlDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgreSqlDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of this database, for <c>Storage:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgreSqlDatabase> CreateAsync(string server)
    {
        var database = new PostgreSqlDatabase(server, $"workflow_test_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        // FORCE: a Hangfire or pooled connection that has not closed yet must not keep the database alive.
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
