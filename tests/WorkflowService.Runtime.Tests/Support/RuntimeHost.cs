using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>How a test runtime is set up: its data folder, clock and SMTP server.</summary>
public sealed record RuntimeSettings
{
    /// <summary>Folder of the SQLite file and mail drop; reuse it to "restart" the runtime on the same data.</summary>
    public string DataDirectory { get; init; } = TempFolder.Create("runtime-");

    /// <summary>
    /// The runtime's clock: null for the system clock, a <see cref="FakeClock"/> for timers of hours
    /// and days, or another <see cref="TimeProvider"/> that bends one thing about time.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    public int? SmtpPort { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Services a test adds or replaces, after the runtime's own.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// A fake clock a day ahead of the real one. Hangfire keeps real time, so a timer scheduled on
    /// the fake clock is never run by Hangfire on its own: it fires only when the test advances
    /// the clock and sweeps (<see cref="RuntimeHost.SweepDueTimersAsync"/>), never half-way.
    /// </summary>
    public static FakeTimeProvider FakeClock() => new(DateTimeOffset.UtcNow.AddDays(1));
}

/// <summary>
/// The runtime as the service composes it (<see cref="WorkflowRuntimeExtensions.AddWorkflowRuntime"/>
/// in a generic host), without the web: real SQLite file, real Hangfire (in-memory storage, its own
/// per host), real SMTP client, the shipped workflows deployed at start; only the clock may be fake.
/// The demo staff (<see cref="DemoStaff"/>) are seeded as users with their groups; tests act as
/// them through <see cref="As"/>, calling the runtime's services the way the API does.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    /// <summary>
    /// Hangfire logs through one process-wide provider, which each host points at its own logger
    /// factory as it starts. Once that host is disposed, creating a job in any other host of the
    /// test process fails ("Cannot access a disposed object: LoggerFactory": the job filter
    /// attributes create their loggers from it) and the mail or timer is not handed over. So each
    /// host, once started, points Hangfire at a logger factory that lives as long as the process.
    /// </summary>
    private static readonly ILoggerFactory HangfireLogs =
        LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));

    private readonly IHost _host;

    private RuntimeHost(IHost host, RuntimeSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    public RuntimeSettings Settings { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Builds and starts the runtime (migrations, deployment of the shipped workflows), then seeds the demo staff.</summary>
    public static async Task<RuntimeHost> StartAsync(RuntimeSettings? settings = null)
    {
        settings ??= new RuntimeSettings();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(Configuration(settings));
        // Before the runtime's own registration, which adds the system clock only if no clock is there.
        if (settings.Clock is { } clock) builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddWorkflowRuntime();
        settings.Services?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(HangfireLogs));
        var runtime = new RuntimeHost(host, settings);
        await runtime.SeedStaffAsync();
        return runtime;
    }

    private static Dictionary<string, string?> Configuration(RuntimeSettings settings) =>
        TestServiceSettings.For(settings.DataDirectory, settings.SmtpPort, settings.Clock is FakeTimeProvider, settings.Settings);

    /// <summary>The demo staff as users with mail addresses (mail goes to them) and group members; kept on a restart.</summary>
    private async Task SeedStaffAsync()
    {
        await using (var db = Get<WorkflowDbFactory>().Create())
        {
            var existing = db.Users.Select(u => u.UserName).ToHashSet();
            foreach (var member in DemoStaff.All.Where(m => !existing.Contains(m.UserName)))
            {
                var email = $"{member.UserName}@example.com";
                db.Users.Add(new WorkflowUser
                {
                    UserName = member.UserName, NormalizedUserName = member.UserName.ToUpperInvariant(), DisplayName = member.DisplayName,
                    Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                });
            }
            await db.SaveChangesAsync();
        }
        foreach (var member in DemoStaff.All)
        {
            foreach (var group in member.Groups) await Get<GroupDirectory>().AddMemberAsync(group, member.UserName);
        }
    }

    /// <summary>A member of the demo staff, acting through the runtime's services.</summary>
    public RuntimeUser As(string userName) => new(this, DemoStaff.Caller(userName));

    /// <summary>Hands every timer (and unsent mail) that is due by the host's clock to Hangfire now.</summary>
    public Task SweepDueTimersAsync() => Get<TimerSweeper>().SweepAsync(TimeSpan.Zero, CancellationToken.None);

    /// <summary>Reads rows the services do not show (outbox, timer rows) straight from the database.</summary>
    public async Task<T> ReadAsync<T>(Func<WorkflowDbContext, Task<T>> query)
    {
        await using var db = Get<WorkflowDbFactory>().Create();
        return await query(db);
    }

    /// <summary>What Hangfire holds right now, for a failure message.</summary>
    public string DescribeJobs() => HangfireJobs.Describe(Get<JobStorage>());

    /// <summary>Waits until Hangfire has no job waiting or running: whatever was handed over has been done.</summary>
    public Task WaitForIdleJobsAsync() => HangfireJobs.WaitForIdleAsync(Get<JobStorage>());

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
