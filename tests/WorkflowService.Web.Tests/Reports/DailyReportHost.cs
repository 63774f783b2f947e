using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;
using WorkflowService.Web.Tests.Calendars;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The service for the daily report's tests: the shipped <c>default</c> calendar (China's 2026 schedule), a fake clock
/// the test sets to a day, an SMTP server and <c>Reports:DailyReport:To</c> = <see cref="Mailbox"/>. Each test starts
/// its own (the clock only goes forward); <see cref="RestartAsync"/> starts a new service on the same data and SMTP server.
/// </summary>
public sealed class DailyReportHost : IAsyncDisposable
{
    public const string Mailbox = "daily@example.com";

    /// <summary><c>Reports:WeeklyQuality:To</c>: the general manager.</summary>
    public const string GeneralManager = "gm@example.com";

    /// <summary><c>Reports:MonthlySummary:To</c>: the general manager's office.</summary>
    public const string Office = "gm-office@example.com";

    private readonly string _data = TempFolder.Create();

    private readonly IReadOnlyDictionary<string, string?> _extra;

    private DailyReportHost(FakeTimeProvider clock, TestSmtpServer smtp, IReadOnlyDictionary<string, string?>? extra) =>
        (Clock, Smtp, _extra) = (clock, smtp, extra ?? new Dictionary<string, string?>());

    public FakeTimeProvider Clock { get; }
    public TestSmtpServer Smtp { get; }
    public WorkflowHost Host { get; private set; } = null!;

    /// <summary>The department's (Shanghai) clock time on a day.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 8, int minute = 0) => new(year, month, day, hour, minute, 0, KpiRows.Offset);

    /// <param name="settings">Configuration beside the host's (kept across <see cref="RestartAsync"/>).</param>
    public static async Task<DailyReportHost> StartAsync(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new DailyReportHost(new FakeTimeProvider(now), await TestSmtpServer.StartAsync(), settings);
        host.Start();
        return host;
    }

    private void Start()
    {
        var settings = ShippedCalendarService.SeedShipped;
        settings["Reports:DailyReport:To"] = Mailbox;
        settings["Reports:WeeklyQuality:To"] = GeneralManager;
        settings["Reports:MonthlySummary:To"] = Office;
        foreach (var (key, value) in _extra) settings[key] = value;
        Host = new WorkflowHost(new HostSettings { Clock = Clock, SmtpPort = Smtp.Port, DataDirectory = _data, Settings = settings });
        _ = Host.Server;
    }

    /// <summary>Stops the service and starts another on the same SQLite file (the same clock and SMTP server).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Start();
    }

    /// <summary>Runs the job as Hangfire would, and waits for the mail it queued (if any) to be handed to the SMTP server.</summary>
    public async Task<bool> RunAsync()
    {
        var queued = await Host.Services.GetRequiredService<DailyReport>().RunAsync(CancellationToken.None);
        await Host.WaitForIdleJobsAsync();
        return queued;
    }

    /// <summary>The report mails received so far.</summary>
    public IReadOnlyList<ReceivedMail> Reports => [.. Smtp.Received.Where(m => m.Subject.StartsWith("售后日报", StringComparison.Ordinal))];

    public Task<int> OutboxRowsAsync() =>
        Host.ReadAsync(db => db.Outbox.CountAsync(o => o.PayloadJson.Contains("\"template\":\"" + DailyReport.Template + "\"")));

    /// <summary>A work order of <paramref name="customer"/> received at <paramref name="receivedAt"/>; answers its instance.</summary>
    /// <param name="host">This service's host or another (a PostgreSQL node).</param>
    public static async Task<Guid> OrderAsync(WorkflowHost host, string number, string customer, string type, DateTimeOffset receivedAt)
    {
        var instance = await new KpiRows(host).InstanceAsync(type, receivedAt);
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        var id = Guid.NewGuid();
        a.Customers.Add(new CustomerRecord { Id = id, Name = customer, Category = "regular", CreatedAt = receivedAt, UpdatedAt = receivedAt });
        a.Orders.Add(new WorkOrderRecord
        {
            Number = number, Type = type, CustomerId = id, InstanceId = instance, DefinitionKey = type,
            ReceivedAt = receivedAt, CreatedAt = receivedAt, CreatedBy = "desk", Units = 1,
        });
        await a.SaveChangesAsync();
        return instance;
    }

    /// <summary>An open task of the instance due at <paramref name="due"/>.</summary>
    public static Task TaskAsync(WorkflowHost host, Guid instance, string name, DateTimeOffset due) => WriteAsync(host, db => db.Tasks.Add(new TaskRecord
    {
        Id = Guid.NewGuid(), InstanceId = instance, LocalId = 1, DefinitionKey = "repair", ElementId = "task", Name = name,
        DueAt = due, CreatedAt = due.AddDays(-2), Status = UserTaskStatus.Open,
    }));

    /// <summary>A breach of <paramref name="rule"/> in the instance, detected at <paramref name="detectedAt"/>, charged to <paramref name="responsible"/>.</summary>
    public static Task BreachAsync(WorkflowHost host, Guid instance, string rule, DateTimeOffset detectedAt, string responsible) => WriteAsync(host, db => db.Breaches.Add(new BreachRecord
    {
        Rule = rule, InstanceId = instance, DefinitionKey = "repair", ElementId = "timer", DueAt = detectedAt.AddMinutes(-1),
        DetectedAt = detectedAt, Responsible = responsible,
    }));

    private static async Task WriteAsync(WorkflowHost host, Action<WorkflowDbContext> add)
    {
        await using var db = host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        add(db);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
        TempFolder.TryDelete(_data);
    }
}
