using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// <see cref="SqliteStatementReuse"/> on a real SQLite file: a statement compiled once per open connection and text, with
/// every execution still bound to its own parameters and nothing kept past the connection's close.
/// </summary>
public sealed class SqliteStatementReuseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reuse-").FullName;
    private readonly DbContextOptions<SqliteWorkflowDbContext> _options;
    private readonly CommandsSeen _seen = new();

    public SqliteStatementReuseTests()
    {
        _options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "workflow.db")};Pooling=False")
            .AddInterceptors(new SqliteStatementReuse(), _seen)
            .Options;
        using var db = Create();
        db.Database.Migrate();
        db.Definitions.AddRange(Enumerable.Range(1, 5).Select(i => Definition("repair", i)));
        db.Definitions.Add(Definition("complaint", 1));
        db.SaveChanges();
        _seen.Clear();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_same_query_runs_on_the_same_command_each_time_with_its_own_parameters()
    {
        await using var db = Create();
        await db.Database.OpenConnectionAsync();

        var versions = new List<int>();
        foreach (var version in new[] { 2, 4, 5 })
            versions.Add(await db.Definitions.Where(d => d.Key == "repair" && d.Version == version).Select(d => d.Version).SingleAsync());
        var complaint = await db.Definitions.Where(d => d.Key == "complaint").Select(d => d.Version).SingleAsync();

        Assert.Equal([2, 4, 5], versions);
        Assert.Equal(1, complaint);
        var repairCommands = _seen.Of("'repair'", " AND ");
        Assert.Equal(3, repairCommands.Count);
        Assert.Single(repairCommands.Distinct());
        Assert.DoesNotContain(_seen.Of("'complaint'").Single(), repairCommands);
    }

    [Fact]
    public async Task Saves_in_a_transaction_reuse_their_statements_and_roll_back_as_before()
    {
        await using var db = Create();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                db.Drafts.Add(new DraftRecord { Key = $"draft-{i}", Xml = "<x/>", SavedBy = "owner", SavedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }
            Assert.Single(_seen.Of("INSERT INTO \"drafts\"").Distinct());
            Assert.Equal(3, await db.Drafts.CountAsync());
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await db.Drafts.CountAsync());
    }

    [Fact]
    public async Task Nothing_is_kept_once_the_connection_closes_and_a_reopened_connection_still_answers()
    {
        await using var db = Create();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(5, await db.Definitions.CountAsync(d => d.Key == "repair"));
        Assert.Equal(1, SqliteStatementReuse.KeptFor(connection));

        await db.Database.CloseConnectionAsync();
        Assert.Equal(0, SqliteStatementReuse.KeptFor(connection));

        await db.Database.OpenConnectionAsync();
        Assert.Equal(5, await db.Definitions.CountAsync(d => d.Key == "repair"));
        var commands = _seen.Of("COUNT(*)");
        Assert.Equal(2, commands.Count);
        Assert.NotSame(commands[0], commands[1]);
    }

    [Fact]
    public async Task Two_readers_of_the_same_text_open_at_once_each_read_their_own_rows()
    {
        await using var db = Create();
        await db.Database.OpenConnectionAsync();
        IQueryable<int> Versions(string key) => db.Definitions.Where(d => d.Key == key).OrderBy(d => d.Version).Select(d => d.Version);

        var pairs = new List<(int, int)>();
        await foreach (var outer in Versions("repair").AsAsyncEnumerable())
        await foreach (var inner in Versions("complaint").AsAsyncEnumerable())
            pairs.Add((outer, inner));

        Assert.Equal([(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)], pairs);
        var commands = _seen.Of("ORDER BY");
        Assert.Equal(6, commands.Count);
        Assert.NotSame(commands[0], commands[1]);
    }

    [Fact]
    public async Task An_open_connection_keeps_at_most_the_capacity_of_texts()
    {
        await using var db = Create();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var texts = Enumerable.Range(0, SqliteStatementReuse.Capacity + 10).Select(i => $"SELECT {i} - {i} AS \"Value\"").ToList();
        foreach (var text in texts) Assert.Equal(0, await db.Database.SqlQueryRaw<int>(text).SingleAsync());

        Assert.Equal(SqliteStatementReuse.Capacity, SqliteStatementReuse.KeptFor(connection));
    }

    private SqliteWorkflowDbContext Create() => new(_options);

    private static DefinitionRecord Definition(string key, int version) => new()
    {
        Key = key, Version = version, Xml = "<definitions/>", Hash = $"{key}-{version}", PublishedBy = "owner", PublishedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The command each execution ran on (after the reuse interceptor, which comes first).</summary>
    private sealed class CommandsSeen : DbCommandInterceptor
    {
        private readonly List<DbCommand> _commands = [];

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            lock (_commands) _commands.Add(result);
            return result;
        }

        public void Clear()
        {
            lock (_commands) _commands.Clear();
        }

        /// <summary>The commands whose text holds every one of <paramref name="parts"/>, in order of execution.</summary>
        public List<DbCommand> Of(params string[] parts)
        {
            lock (_commands) return _commands.Where(c => parts.All(p => c.CommandText.Contains(p, StringComparison.Ordinal))).ToList();
        }
    }
}
