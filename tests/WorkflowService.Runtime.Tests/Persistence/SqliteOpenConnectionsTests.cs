using System.Data;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// <see cref="SqliteOpenConnections"/> on a real SQLite file: contexts borrow open connections that keep their compiled
/// statements, and a connection is lent again only in the state a new one would be in.
/// </summary>
public sealed class SqliteOpenConnectionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lend-").FullName;
    private readonly string _connectionString;
    private readonly DbContextOptions<SqliteWorkflowDbContext> _options;
    private readonly SqliteOpenConnections _connections;

    public SqliteOpenConnectionsTests()
    {
        _connectionString = $"Data Source={Path.Combine(_folder, "workflow.db")};Pooling=False";
        _options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(_connectionString)
            .AddInterceptors(new SqliteStatementReuse())
            .Options;
        _connections = new SqliteOpenConnections(_connectionString);
        using var db = Lend();
        db.Database.Migrate();
    }

    public void Dispose()
    {
        _connections.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_next_context_gets_the_same_open_connection_with_the_statements_it_compiled()
    {
        SqliteConnection first;
        await using (var db = Lend())
        {
            first = Connection(db);
            Assert.Equal(0, await db.Drafts.CountAsync(d => d.Key == "repair"));
        }
        Assert.Equal(ConnectionState.Open, first.State);
        Assert.True(SqliteStatementReuse.KeptFor(first) > 0);

        await using (var db = Lend())
        {
            Assert.Same(first, Connection(db));
            db.Drafts.Add(Draft("repair"));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Drafts.CountAsync(d => d.Key == "repair"));
        }
    }

    [Fact]
    public async Task A_lent_connection_enforces_foreign_keys_as_a_connection_the_service_opens_does()
    {
        await using var db = Lend();
        Assert.Equal(1L, await Scalar(Connection(db), "PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task A_lent_connection_has_the_functions_EF_Core_gives_its_own_connections()
    {
        await using (var db = Lend())
        {
            db.Drafts.AddRange(Draft("repair"), Draft("complaint"));
            await db.SaveChangesAsync();
        }
        await using var check = Lend();
        // Regex.IsMatch becomes SQLite's REGEXP, which calls the regexp function EF Core registers.
        Assert.Equal(["repair"], await check.Drafts.Where(d => Regex.IsMatch(d.Key, "^rep")).Select(d => d.Key).ToListAsync());
        Assert.Equal(2.0, Convert.ToDouble(await Scalar(Connection(check), "SELECT ef_mod(5, 3)"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_transaction_a_context_left_open_is_rolled_back_and_its_connection_is_lent_clean()
    {
        await using (var db = Lend())
        {
            await db.Database.BeginTransactionAsync();
            db.Drafts.Add(Draft("left-open"));
            await db.SaveChangesAsync();
        }
        await using (var db = Lend())
        {
            Assert.Equal(0, await db.Drafts.CountAsync());
            db.Drafts.Add(Draft("next"));
            await db.SaveChangesAsync();
        }
        await using var check = Lend();
        Assert.Equal(["next"], await check.Drafts.Select(d => d.Key).ToListAsync());
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_of_its_own_is_closed_not_lent_again()
    {
        SqliteConnection first;
        await using (var db = Lend())
        {
            first = Connection(db);
            // Begun on the connection itself, past EF Core, which therefore does not end it when the context goes.
            using var command = first.CreateCommand();
            command.CommandText = "BEGIN";
            command.ExecuteNonQuery();
        }
        Assert.Equal(ConnectionState.Closed, first.State);
        await using var next = Lend();
        Assert.NotSame(first, Connection(next));
        next.Drafts.Add(Draft("after"));
        await next.SaveChangesAsync();
    }

    [Fact]
    public async Task At_most_the_idle_limit_stays_open_after_a_burst_and_none_after_disposal()
    {
        var burst = Enumerable.Range(0, SqliteOpenConnections.MaxIdle + 3).Select(_ => Lend()).ToList();
        var lent = burst.Select(Connection).ToList();
        Assert.Equal(lent.Count, lent.Distinct().Count());
        foreach (var db in burst) await db.DisposeAsync();

        Assert.Equal(SqliteOpenConnections.MaxIdle, _connections.IdleCount);
        Assert.Equal(3, lent.Count(c => c.State == ConnectionState.Closed));

        _connections.Dispose();
        Assert.All(lent, c => Assert.Equal(ConnectionState.Closed, c.State));
    }

    [Fact]
    public async Task The_first_context_on_a_fresh_data_folder_makes_the_folder()
    {
        var fresh = Path.Combine(_folder, "fresh", "data");
        var connectionString = $"Data Source={Path.Combine(fresh, "workflow.db")};Pooling=False";
        using var connections = new SqliteOpenConnections(connectionString);
        await using (var db = connections.Lend(new SqliteWorkflowDbContext(_options)))
            await db.Database.MigrateAsync();
        Assert.True(File.Exists(Path.Combine(fresh, "workflow.db")));
    }

    private SqliteWorkflowDbContext Lend() => _connections.Lend(new SqliteWorkflowDbContext(_options));

    private static SqliteConnection Connection(WorkflowDbContext db) => (SqliteConnection)db.Database.GetDbConnection();

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static DraftRecord Draft(string key) => new() { Key = key, Xml = "<x/>", SavedBy = "owner", SavedAt = DateTimeOffset.UtcNow };
}
