using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// The ceiling a one-commit-per-step runtime works against: single-row insert transactions with
/// EF Core on SQLite, a new context for each (as the runtime creates one per step), in WAL mode
/// with the service's own per-connection pragmas, in a file next to the service's database.
/// </summary>
internal sealed class RawSqliteCeiling
{
    private readonly DbContextOptions<RawContext> _options;

    private RawSqliteCeiling(DbContextOptions<RawContext> options) => _options = options;

    public static async Task<RawSqliteCeiling> CreateAsync(string folder)
    {
        var options = new DbContextOptionsBuilder<RawContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "raw-ceiling.db")}")
            .AddInterceptors(new SqlitePragmas())
            .Options;
        await using var db = new RawContext(options);
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return new RawSqliteCeiling(options);
    }

    /// <summary>One transaction: a row about the size of a history row, committed by SaveChanges.</summary>
    public async Task InsertAsync(int i)
    {
        await using var db = new RawContext(_options);
        db.Rows.Add(new RawRow
        {
            InstanceId = Guid.CreateVersion7(), ElementId = "acceptRequest", Event = "entered", TokenId = i,
            At = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>One transaction of <paramref name="rows"/> such rows: the ceiling of a commit shared by many steps.</summary>
    public async Task InsertManyAsync(int rows)
    {
        await using var db = new RawContext(_options);
        for (var i = 0; i < rows; i++)
            db.Rows.Add(new RawRow
            {
                InstanceId = Guid.CreateVersion7(), ElementId = "acceptRequest", Event = "entered", TokenId = i,
                At = DateTime.UtcNow,
            });
        await db.SaveChangesAsync();
    }

    internal sealed class RawContext(DbContextOptions<RawContext> options) : DbContext(options)
    {
        public DbSet<RawRow> Rows => Set<RawRow>();

        protected override void OnModelCreating(ModelBuilder builder) =>
            builder.Entity<RawRow>(e =>
            {
                e.ToTable("raw_rows");
                e.HasIndex(r => r.InstanceId);
            });
    }

    internal sealed class RawRow
    {
        public long Id { get; set; }
        public Guid InstanceId { get; set; }
        public required string ElementId { get; set; }
        public required string Event { get; set; }
        public int TokenId { get; set; }
        public DateTime At { get; set; }
    }
}
