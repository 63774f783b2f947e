using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Web;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// The whole service in-process, composed as <c>Program.cs</c> composes it (runtime, auth, API,
/// SignalR notifier, Hangfire server with in-memory storage), on a SQLite file in a temp folder,
/// with production defaults for everything that matters to the numbers (polling 200 ms, 8
/// workers, sweep every 15 s). Kestrel listens on a loopback port nobody calls: the benchmarks
/// drive the runtime's services directly, so HTTP and JSON are not part of what is measured.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>
    /// Hangfire logs through one process-wide provider that each host points at its own logger
    /// factory; after the first host is disposed (the restart that re-arms the seeded timers),
    /// creating a job would fail on the disposed factory. This one lives as long as the process.
    /// </summary>
    internal static readonly ILoggerFactory HangfireLogs = LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }
    public IServiceProvider Services => _app.Services;
    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();
    public WorkflowDbContext Db() => Get<WorkflowDbFactory>().Create();

    /// <param name="settings">Overrides on top of the defaults, e.g. an EF Core log level for <c>--sql</c>.</param>
    public static async Task<BenchHost> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = CreateBuilder(dataDirectory, settings);
        var app = builder.Build();
        app.UseWorkflowWeb();
        await app.StartAsync();
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(HangfireLogs));
        return new BenchHost(app, dataDirectory);
    }

    /// <summary>
    /// The service's builder as <c>Program.cs</c> makes it, with the benchmarks' settings: production defaults, a data
    /// folder, the repository's workflows, an admin, no demo users, a loopback port, warnings only in the log.
    /// </summary>
    /// <param name="webRoot">A web root of the caller's (the HTTP suite serves a file of its own); default: the web project's.</param>
    internal static WebApplicationBuilder CreateBuilder(string dataDirectory, IReadOnlyDictionary<string, string?>? settings,
        string? webRoot = null)
    {
        var web = Path.Combine(RepositoryPaths.Root, "src", "WorkflowService.Web");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = web,
            WebRootPath = webRoot,
            ApplicationName = typeof(WorkflowWebExtensions).Assembly.GetName().Name,
        });
        var config = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Workflows:Directory"] = RepositoryPaths.Workflows,
            ["Bootstrap:AdminUser"] = "admin",
            ["Bootstrap:AdminPassword"] = "bench-admin-password-1",
            ["Demo:Seed"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            // Production's appsettings log every step at Information to the console; at thousands of
            // steps a second that measures the terminal. Warnings still show.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddWorkflowWeb();
        return builder;
    }

    /// <summary>How many jobs Hangfire holds as scheduled (timers handed over and not yet due).</summary>
    public long ScheduledJobs() => Get<JobStorage>().GetMonitoringApi().ScheduledCount();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
