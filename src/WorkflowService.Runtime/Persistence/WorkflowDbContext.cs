using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace WorkflowService.Runtime.Persistence;

/// <summary>A person who signs in. Groups are separate (<see cref="GroupRecord"/>): they are the BPMN candidate groups.</summary>
public sealed class WorkflowUser : IdentityUser
{
    /// <summary>The name people read (a Chinese name, usually); the user name is what one signs in with.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// Left the department or suspended: cannot sign in, and every session and token stops at once (the
    /// security stamp changes with it). Not a lockout, which ends by itself after failed sign-ins.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>The password was set by an admin: the person must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The language the person chose for the pages ("zh-CN", "en"); null for the browser's.</summary>
    public string? Language { get; set; }
}

/// <summary>
/// The one database of the service: workflow tables and ASP.NET Core Identity side by side.
/// Provider-neutral; <see cref="SqliteWorkflowDbContext"/> and <see cref="PostgreSqlWorkflowDbContext"/>
/// carry each provider's migrations.
/// </summary>
public abstract class WorkflowDbContext(DbContextOptions options) : IdentityDbContext<WorkflowUser>(options), IDataProtectionKeyContext
{
    /// <summary>The open connection lent to this context (<see cref="SqliteOpenConnections"/>), given back when it is disposed.</summary>
    private (Microsoft.Data.Sqlite.SqliteConnection Connection, SqliteOpenConnections Lender)? _borrowed;

    internal void Borrow(Microsoft.Data.Sqlite.SqliteConnection connection, SqliteOpenConnections lender) => _borrowed = (connection, lender);

    // Taken before the base dispose: that returns a pooled context to the pool, where another lease may borrow at once.
    public override async ValueTask DisposeAsync()
    {
        var borrowed = _borrowed;
        _borrowed = null;
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (borrowed is var (connection, lender)) lender.Return(connection);
        }
        GC.SuppressFinalize(this);
    }

    public override void Dispose()
    {
        var borrowed = _borrowed;
        _borrowed = null;
        try
        {
            base.Dispose();
        }
        finally
        {
            if (borrowed is var (connection, lender)) lender.Return(connection);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>ASP.NET Core data protection keys (cookies, bearer tokens), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    public DbSet<DraftRecord> Drafts => Set<DraftRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<TaskCandidate> TaskCandidates => Set<TaskCandidate>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<MessageSubscriptionRecord> MessageSubscriptions => Set<MessageSubscriptionRecord>();
    public DbSet<ExternalTaskRecord> ExternalTasks => Set<ExternalTaskRecord>();
    public DbSet<BreachRecord> Breaches => Set<BreachRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<HistoryRecord> History => Set<HistoryRecord>();
    public DbSet<MilestoneRecord> Milestones => Set<MilestoneRecord>();
    public DbSet<GroupRecord> Groups => Set<GroupRecord>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<RevokedTokenRecord> RevokedTokens => Set<RevokedTokenRecord>();
    public DbSet<Calendars.CalendarRecord> Calendars => Set<Calendars.CalendarRecord>();
    // Issue 15, group robots (Notifications/Robots).
    public DbSet<Notifications.Robots.RobotRecord> Robots => Set<Notifications.Robots.RobotRecord>();

    // Per-person notifications (issue 15): the bell's rows and each person's choice of channels.
    public DbSet<Notifications.Personal.PersonalNotification> PersonalNotifications => Set<Notifications.Personal.PersonalNotification>();
    public DbSet<Notifications.Personal.NotificationPreference> NotificationPreferences => Set<Notifications.Personal.NotificationPreference>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("definitions");
            e.HasIndex(d => new { d.Key, d.Version }).IsUnique();
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Hash).HasMaxLength(64);
        });
        builder.Entity<DraftRecord>(e =>
        {
            e.ToTable("drafts");
            e.HasKey(d => d.Key);
            e.Property(d => d.Key).HasMaxLength(200);
        });
        builder.Entity<InstanceRecord>(e =>
        {
            e.ToTable("instances");
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.HasIndex(i => i.BusinessKey);
            e.HasIndex(i => new { i.DefinitionKey, i.Status });
            e.HasIndex(i => i.Status);
            // Reports: the instances of a process started in a period (calls rung in a month).
            e.HasIndex(i => new { i.DefinitionKey, i.StartedAt });
        });
        builder.Entity<TaskRecord>(e =>
        {
            e.ToTable("tasks");
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasIndex(t => new { t.Status, t.DueAt });
            // DueAt last: the inbox walks a user's open tasks in due order and stops after a page (InboxQuery).
            e.HasIndex(t => new { t.Assignee, t.Status, t.DueAt });
            // Status second: an instance's open tasks are looked up by both, and with an index on
            // InstanceId alone SQLite (no statistics) ties it with (Status, DueAt) and may walk every
            // open task of every instance instead (80 ms per completion at 100,000 open tasks).
            e.HasIndex(t => new { t.InstanceId, t.Status });
            // Reports: the tasks of one element completed in a period (the engineers' ledger's calls and follow-ups).
            e.HasIndex(t => new { t.DefinitionKey, t.ElementId, t.EndedAt });
            e.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TaskCandidate>(e =>
        {
            e.ToTable("task_candidates");
            e.HasKey(c => new { c.TaskId, c.Kind, c.Name });
            // A group's (or user's) open tasks in due order, then by priority: the inbox's walk (InboxQuery), which for the
            // tasks without a due date is a walk in priority order (not a sort of all of them).
            e.HasIndex(c => new { c.Kind, c.Name, c.DueAt, c.Priority }).IsDescending(false, false, false, true);
        });
        builder.Entity<TimerRecord>(e =>
        {
            e.ToTable("timers");
            e.HasIndex(t => new { t.Status, t.DueAt });
            // Leading with InstanceId and Status for the same reason as tasks: an instance's pending
            // timers must not be found by walking every pending timer.
            e.HasIndex(t => new { t.InstanceId, t.Status, t.SubscriptionId });
            e.HasIndex(t => t.DefinitionId);
            // The timers a calendar edit computes again.
            e.HasIndex(t => new { t.Calendar, t.Status });
        });
        builder.Entity<MessageSubscriptionRecord>(e =>
        {
            e.ToTable("message_subscriptions");
            e.HasIndex(m => new { m.MessageName, m.BusinessKey });
            e.HasIndex(m => new { m.InstanceId, m.SubscriptionId }).IsUnique();
        });
        builder.Entity<ExternalTaskRecord>(e =>
        {
            e.ToTable("external_tasks");
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.HasIndex(t => new { t.Topic, t.Status });
            e.HasIndex(t => new { t.InstanceId, t.LocalId });
        });
        builder.Entity<BreachRecord>(e =>
        {
            e.ToTable("breaches");
            // Reports: a rule's breaches detected since an instant, and their instances, read off the index (the late calls
            // of a period are found from their breaches: a breach is never detected before its instance started).
            e.HasIndex(b => new { b.Rule, b.DetectedAt, b.InstanceId });
            e.HasIndex(b => b.InstanceId);
            // Reports: the breaches of a period by rule, read off the index; the breaches list's order.
            e.HasIndex(b => new { b.DetectedAt, b.Rule });
            // Reports: "did this instance break this rule", asked for every case of a period; by Rule alone it read all of a rule's breaches each time.
            e.HasIndex(b => new { b.InstanceId, b.Rule });
        });
        builder.Entity<MilestoneRecord>(e =>
        {
            e.ToTable("milestones");
            e.HasKey(m => new { m.InstanceId, m.Name });
            // Reports count a milestone's cases in a period, how many broke its rule, and average its numbers: all off this index.
            e.HasIndex(m => new { m.Name, m.At, m.Breached, m.Number });
        });
        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => o.Status);
            // A record's timeline reads the messages of its instance; sent rows stay, so without it that read grows forever.
            e.HasIndex(o => new { o.InstanceId, o.CreatedAt });
        });
        builder.Entity<HistoryRecord>(e =>
        {
            e.ToTable("history");
            e.HasIndex(h => new { h.InstanceId, h.Id });
            // Reports: the instances that left an element in a period (RuleOutcomes.LeftAsync), read off the index alone.
            e.HasIndex(h => new { h.Event, h.ElementId, h.At, h.InstanceId });
        });
        builder.Entity<GroupRecord>(e =>
        {
            e.ToTable("groups");
            e.HasKey(g => g.Name);
            e.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupName).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<GroupMember>(e =>
        {
            e.ToTable("group_members");
            e.HasKey(m => new { m.GroupName, m.UserName });
            e.HasIndex(m => m.UserName);
        });
        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Target, a.At });
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(256);
        });
        builder.Entity<RevokedTokenRecord>(e =>
        {
            e.ToTable("revoked_tokens");
            e.HasKey(r => r.TokenId);
            e.Property(r => r.TokenId).HasMaxLength(64);
            e.HasIndex(r => r.ExpiresAt);
        });
        builder.Entity<WorkflowUser>(e => e.Property(u => u.Language).HasMaxLength(16));
        builder.ApplyConfiguration(new Calendars.CalendarRecordConfiguration());
        builder.ApplyConfiguration(new Notifications.Personal.PersonalNotificationConfiguration());
        builder.ApplyConfiguration(new Notifications.Personal.NotificationPreferenceConfiguration());
        builder.ApplyConfiguration(new Notifications.Robots.RobotRecordConfiguration());
    }
}

public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options)
{
    /// <summary>
    /// SQLite has no date-time type: store UTC <see cref="DateTime"/> text, which sorts and
    /// compares correctly in SQL (DateTimeOffset text would not translate).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}

public sealed class PostgreSqlWorkflowDbContext(DbContextOptions<PostgreSqlWorkflowDbContext> options)
    : WorkflowDbContext(options)
{
    /// <summary>
    /// <c>timestamptz</c> takes only UTC instants (Npgsql refuses any other offset, such as the end
    /// of a day in Shanghai) and keeps microseconds, a tenth of .NET's precision: write every
    /// instant in UTC, rounded up to the microsecond, so that a stored due time is never before
    /// the engine's own. A timer job waits for the stored due time; rounded down, it could fire a
    /// tick early, and the engine would ignore the firing while the job marked the timer fired.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMicrosecondConverter>();
    }
}

public sealed class UtcDateTimeOffsetConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

public sealed class UtcMicrosecondConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => RoundUp(v),
        v => v)
{
    /// <summary>In UTC, up to the next whole microsecond (<see cref="DateTimeOffset.MaxValue"/> stays itself: infinity).</summary>
    private static DateTimeOffset RoundUp(DateTimeOffset value) =>
        new(Math.Min((value.UtcTicks + 9) / 10 * 10, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}
