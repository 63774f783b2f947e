using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Persistence;

/// <summary>
/// The department's records, in the service's one database beside the Runtime's tables, with migrations of their
/// own (history in <see cref="MigrationsHistoryTable"/>). A context never opens a connection of its own: it rides on
/// a Runtime context's connection and transaction (<see cref="Over"/>), so that a work order and the instance it
/// starts commit together, and every write takes the Runtime's write turn (<see cref="TransactionRunner"/>).
/// </summary>
public abstract class AfterSalesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__aftersales_migrations";

    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();
    public DbSet<ContactRecord> Contacts => Set<ContactRecord>();
    public DbSet<DeviceRecord> Devices => Set<DeviceRecord>();
    public DbSet<WorkOrderRecord> Orders => Set<WorkOrderRecord>();
    public DbSet<WorkOrderDeviceRecord> OrderDevices => Set<WorkOrderDeviceRecord>();
    public DbSet<OrderCounterRecord> OrderCounters => Set<OrderCounterRecord>();
    public DbSet<SlipRecord> Slips => Set<SlipRecord>();
    public DbSet<CustomerSearchGramRecord> SearchGrams => Set<CustomerSearchGramRecord>();
    public DbSet<DutyRosterRecord> DutyRosters => Set<DutyRosterRecord>();

    /// <summary>
    /// Each provider's contexts, pooled as the Runtime's are: setting a context up (its internal services, its change
    /// tracker) cost about as much as an order's reads, and an order sets up two. The connection is not part of the
    /// options; each lease is given <c>db</c>'s (<see cref="RelationalDatabaseFacadeExtensions.SetDbConnection"/>).
    /// </summary>
    private static readonly PooledDbContextFactory<SqliteAfterSalesDbContext> SqlitePool = new(
        new DbContextOptionsBuilder<SqliteAfterSalesDbContext>().UseSqlite(s => s.MigrationsHistoryTable(MigrationsHistoryTable).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).Options);

    private static readonly PooledDbContextFactory<PostgreSqlAfterSalesDbContext> PostgreSqlPool = new(
        new DbContextOptionsBuilder<PostgreSqlAfterSalesDbContext>().UseNpgsql(s => s.MigrationsHistoryTable(MigrationsHistoryTable).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).Options);

    /// <summary>
    /// A context on <paramref name="db"/>'s connection, in its transaction if it has one. Dispose it before
    /// <paramref name="db"/>; the connection stays <paramref name="db"/>'s.
    /// </summary>
    public static async Task<AfterSalesDbContext> OverAsync(WorkflowDbContext db, CancellationToken ct)
    {
        // Opened by the Runtime's context, so that its per-connection settings (SQLite's busy timeout) apply.
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        AfterSalesDbContext context = db.Database.IsSqlite()
            ? await SqlitePool.CreateDbContextAsync(ct)
            : await PostgreSqlPool.CreateDbContextAsync(ct);
        context.Database.SetDbConnection(connection, contextOwnsConnection: false);
        context._host = db;
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await context.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
            // Inside a unit of work, whose savepoint already covers this context's saves: one more savepoint per save
            // would only add a PostgreSQL subtransaction per order to the batch.
            context.Database.AutoSavepointsEnabled = false;
        }
        return context;
    }

    /// <summary>The Runtime context whose connection this one uses: its open is given back when this one is disposed.</summary>
    private WorkflowDbContext? _host;

    // Taken before the base dispose: that returns the context to the pool, where another lease may set _host at once.
    public override async ValueTask DisposeAsync()
    {
        var host = _host;
        _host = null;
        await base.DisposeAsync();
        if (host is not null) await host.Database.CloseConnectionAsync();
        GC.SuppressFinalize(this);
    }

    public override void Dispose()
    {
        var host = _host;
        _host = null;
        base.Dispose();
        host?.Database.CloseConnection();
        GC.SuppressFinalize(this);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerRecord>(e =>
        {
            e.ToTable("customers");
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Category).HasMaxLength(16);
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.HasIndex(c => c.Name);
            e.HasIndex(c => new { c.Category, c.AnchorDate });
            e.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CustomerSearchGramRecord>(e =>
        {
            // SQLite: a WITHOUT ROWID table (see the migration), so that a gram's customers are one range of the key.
            e.ToTable("customer_search_grams");
            e.HasKey(g => new { g.Gram, g.CustomerId });
            e.Property(g => g.Gram).HasMaxLength(WorkflowService.AfterSales.Customers.SearchGrams.MaxLength);
            e.Property(g => g.Name).HasMaxLength(200);
            // A gram's customers in name order (the search's order); with CustomerId, the same tie-break as the key.
            e.HasIndex(g => new { g.Gram, g.Name, g.CustomerId });
            // A customer's grams, and those whose name is not the customer's (SearchGramBackfill) by two seeks each.
            e.HasIndex(g => new { g.CustomerId, g.Name });
            e.HasOne<CustomerRecord>().WithMany().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ContactRecord>(e =>
        {
            e.ToTable("customer_contacts");
            e.HasIndex(c => new { c.CustomerId, c.Position });
            e.HasIndex(c => c.Phone);
            e.HasIndex(c => c.Mobile);
        });
        modelBuilder.Entity<DeviceRecord>(e =>
        {
            e.ToTable("devices");
            e.Property(d => d.Serial).HasMaxLength(64);
            e.Property(d => d.Model).HasMaxLength(100);
            e.Property(d => d.Status).HasMaxLength(16);
            e.HasIndex(d => d.Serial).IsUnique();
            e.HasIndex(d => d.CustomerId);
            e.HasOne<CustomerRecord>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<WorkOrderRecord>(e =>
        {
            e.ToTable("work_orders");
            e.HasKey(o => o.Number);
            e.Property(o => o.Number).HasMaxLength(32);
            e.Property(o => o.Type).HasMaxLength(16);
            e.HasIndex(o => new { o.CustomerId, o.CreatedAt });
            e.HasIndex(o => o.InstanceId).IsUnique();
            e.HasIndex(o => new { o.Type, o.CreatedAt });
            e.HasIndex(o => o.CreatedAt);
            // Reports: the requests received in a period, counted off the index.
            e.HasIndex(o => new { o.ReceivedAt, o.Type });
            // Reports: the orders of one type received in a period (the complaints): SQLite, without statistics, takes an
            // index that starts with the type over one that starts with the period, and (Type, CreatedAt) read every
            // complaint ever received.
            e.HasIndex(o => new { o.Type, o.ReceivedAt });
            // One call opens one order: a second attempt finds the first (and a race between two loses on this index).
            e.HasIndex(o => o.CallId).IsUnique();
            e.HasOne<CustomerRecord>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(o => o.Devices).WithOne().HasForeignKey(d => d.OrderNumber).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WorkOrderDeviceRecord>(e =>
        {
            e.ToTable("work_order_devices");
            e.HasKey(d => new { d.OrderNumber, d.DeviceId });
            e.HasIndex(d => d.DeviceId);
            e.HasOne<DeviceRecord>().WithMany().HasForeignKey(d => d.DeviceId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<OrderCounterRecord>(e =>
        {
            e.ToTable("order_counters");
            e.HasKey(c => new { c.Prefix, c.Day });
            e.Property(c => c.Prefix).HasMaxLength(8);
            e.Property(c => c.Day).HasMaxLength(8);
        });
        modelBuilder.Entity<SlipRecord>(e =>
        {
            e.ToTable("repair_slips");
            e.Property(s => s.OrderNumber).HasMaxLength(32);
            e.Property(s => s.Kind).HasMaxLength(16);
            e.Property(s => s.ContentType).HasMaxLength(32);
            e.Property(s => s.Sha256).HasMaxLength(64);
            e.Property(s => s.AttachedBy).HasMaxLength(200);
            e.HasIndex(s => new { s.OrderNumber, s.AttachedAt });
            e.HasOne<WorkOrderRecord>().WithMany().HasForeignKey(s => s.OrderNumber).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DutyRosterRecord>(e =>
        {
            e.ToTable("duty_rosters");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(64);
            e.Property(r => r.ForwardingMobile).HasMaxLength(32);
            e.Property(r => r.UpdatedBy).HasMaxLength(256);
            e.Property(r => r.Revision).IsConcurrencyToken();
        });
    }
}

public sealed class SqliteAfterSalesDbContext(DbContextOptions<SqliteAfterSalesDbContext> options) : AfterSalesDbContext(options)
{
    /// <summary>As the Runtime's SQLite context: UTC date-times as sortable text.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}

public sealed class PostgreSqlAfterSalesDbContext(DbContextOptions<PostgreSqlAfterSalesDbContext> options) : AfterSalesDbContext(options)
{
    /// <summary>The slips' bytes (<see cref="Orders.DatabaseSlipStore"/>): a cluster's nodes share no folder, they share the database.</summary>
    public DbSet<SlipContentRecord> SlipContents => Set<SlipContentRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SlipContentRecord>(e =>
        {
            e.ToTable("slip_contents");
            e.HasKey(c => c.SlipId);
            e.HasOne<SlipRecord>().WithOne().HasForeignKey<SlipContentRecord>(c => c.SlipId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>As the Runtime's PostgreSQL context: UTC instants, to the microsecond.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMicrosecondConverter>();
    }
}
