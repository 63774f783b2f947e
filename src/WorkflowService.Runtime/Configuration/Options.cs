using System.ComponentModel.DataAnnotations;

namespace WorkflowService.Runtime.Configuration;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>Storage:*</c>: where the one database lives.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>For SQLite defaults to <c>Data Source={DataDirectory}/workflow.db</c>; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and the <c>.eml</c> mail drop (relative to the content root).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public string DataPath => Path.GetFullPath(DataDirectory);

    public string EffectiveConnectionString => ConnectionString is { Length: > 0 } cs
        ? cs
        : Provider == StorageProvider.Sqlite
            ? $"Data Source={Path.Combine(DataPath, "workflow.db")}"
            : throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is PostgreSql");

    /// <summary><c>Storage:Batching:*</c>: how many steps share one commit.</summary>
    public BatchingOptions Batching { get; set; } = new();
}

/// <summary>
/// <c>Storage:Batching:*</c>: steps (and the runtime's other writes) that arrive together are written in one transaction,
/// each in a savepoint of its own, and acknowledged after that one commit (<see cref="Persistence.WriteBatcher"/>).
/// </summary>
public sealed class BatchingOptions
{
    /// <summary>The most units of work in one commit; 1 gives every step a commit of its own.</summary>
    public int MaxSteps { get; set; } = 64;

    /// <summary>
    /// How long a batch that already holds more than one step (so others are arriving) waits for one more before it commits.
    /// A lone step never waits. Zero (the default): a batch is what queued while the previous one was written.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// PostgreSQL only: batches written side by side by one node (each its own connection and transaction). SQLite has one
    /// write lock, so it always has one.
    /// </summary>
    public int Lanes { get; set; } = 4;

    /// <summary>The error of the first setting out of range, naming it as configured, or null.</summary>
    public string? Problem() =>
        MaxSteps is < 1 or > 10_000 ? $"Storage:Batching:MaxSteps must be between 1 and 10000 (it is {MaxSteps})"
        : MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromSeconds(1) ? $"Storage:Batching:MaxWait must be between 0 and 00:00:01 (it is {MaxWait})"
        : Lanes is < 1 or > 64 ? $"Storage:Batching:Lanes must be between 1 and 64 (it is {Lanes})"
        : null;
}

/// <summary><c>Workflows:*</c>: the shipped processes and email templates.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of <c>*.bpmn</c> files deployed at start-up and of <c>templates/</c>; default: the repository's <c>workflows/</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Deploy new or changed <c>*.bpmn</c> files of <see cref="Directory"/> at start-up.</summary>
    public bool DeployOnStartup { get; set; } = true;

    public static string TemplatesDirectory(string workflowsDirectory) => Path.Combine(workflowsDirectory, "templates");
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary><c>Smtp:*</c>: with no host, mail is written as <c>.eml</c> files to the data folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "WorkflowService <workflow@localhost>";

    /// <summary>
    /// Delays between send attempts; the last repeats until the mail goes out. Empty (the default):
    /// <see cref="DefaultRetryDelays"/>. The defaults are not the initial value because configuration
    /// binding appends the configured items to an existing array: they could never be replaced.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;
}

/// <summary><c>App:*</c></summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Public address of the web app, for links in emails.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>
    /// IANA id of the department's time zone: what pages and emails show times in, and the zone of
    /// a calendar that names none. Storage stays UTC.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary><c>Scheduling:*</c>: how Hangfire executes timers and outbox jobs.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often Hangfire looks for due scheduled jobs; a timer's lateness is about this.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A job that runs this early (or less) waits for the due time; earlier, it is rescheduled.</summary>
    public TimeSpan MaxInlineWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Who hears of the last warning before an SLA breach (<c>warnAt</c>) besides the people on the task: groups, users or addresses.</summary>
    public string WarnSupervisors { get; set; } = "managers";

    /// <summary>How often overdue timers and unsent mail are swept up (a safety net for lost jobs).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Overdue by more than this, a timer is considered lost by the scheduler and handed over again.</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 200)]
    public int WorkerCount { get; set; } = 8;

    /// <summary>Use durable PostgreSQL job storage (with Storage:Provider=PostgreSql) instead of in-memory.</summary>
    public bool UseDatabaseJobStorage { get; set; } = true;
}
