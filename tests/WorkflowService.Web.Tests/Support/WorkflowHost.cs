using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>How a test host is set up: its data folder, clock and SMTP server.</summary>
public sealed record HostSettings
{
    /// <summary>Folder of the SQLite file and mail drop; reuse it to "restart" the service on the same data.</summary>
    public string DataDirectory { get; init; } = TempFolder.Create();

    /// <summary>
    /// The host's clock: null for the system clock, a <see cref="FakeClock"/> for timers of hours
    /// and days, or another <see cref="TimeProvider"/> that bends one thing about time.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    public int? SmtpPort { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Services a test adds or replaces, after the service's own (a log capture, an injected fault).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// A fake clock a day ahead of the real one. Hangfire keeps real time, so a timer scheduled on
    /// the fake clock is never run by Hangfire on its own: it fires only when the test advances
    /// the clock and sweeps (<see cref="WorkflowHost.SweepDueTimersAsync"/>), never half-way.
    /// </summary>
    public static FakeTimeProvider FakeClock() => new(DateTimeOffset.UtcNow.AddDays(1));
}

/// <summary>
/// The real service in-process: real SQLite file, real Hangfire (in-memory storage, its own
/// per host), real SMTP client; only the clock may be fake. Demo users are seeded.
/// </summary>
public sealed class WorkflowHost : WebApplicationFactory<Program>
{
    public const string DemoPassword = "demo-password-1";
    public const string AdminPassword = "admin-password-1";

    public WorkflowHost(HostSettings? settings = null) => Settings = settings ?? new HostSettings();

    public HostSettings Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = TestServiceSettings.For(Settings.DataDirectory, Settings.SmtpPort, Settings.Clock is FakeTimeProvider,
            new Dictionary<string, string?>
            {
                ["Demo:Seed"] = "true",
                ["Demo:Password"] = DemoPassword,
                ["Bootstrap:AdminUser"] = "admin",
                ["Bootstrap:AdminPassword"] = AdminPassword,
            });
        foreach (var (key, value) in Settings.Settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);

        builder.ConfigureServices(s =>
        {
            // Identity's default (100,000 PBKDF2 rounds) costs ~0.3 s a hash on a test machine; every host
            // seeds nine users and every test signs some in. Tests do not need hashes that resist cracking.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            // Hangfire's log provider is process-wide and each host's start points it at that host's logger factory:
            // a host started while another is disposed could create its job clients from the disposed one. Every test
            // host hands the runtime one provider that lives as long as the process instead (see CreateHost too).
            s.AddSingleton<Hangfire.Logging.ILogProvider>(new AspNetCoreLogProvider(HangfireLogs));
            Settings.Services?.Invoke(s);
            if (Settings.Clock is not { } clock) return;
            s.Replace(ServiceDescriptor.Singleton(clock));
            // Bearer tokens expire on the host's clock; a test that jumps days must not lose its sign-ins.
            if (clock is FakeTimeProvider)
                s.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
        });
    }

    /// <summary>
    /// Hangfire logs through one process-wide provider, which each host points at its own logger
    /// factory as it starts. Once that host is disposed, creating a job in any other host of the
    /// test process fails ("Cannot access a disposed object: LoggerFactory": the job filter
    /// attributes create their loggers from it) and the mail or timer is not handed over. So each
    /// host, once started, points Hangfire at a logger factory that lives as long as the process.
    /// </summary>
    private static readonly ILoggerFactory HangfireLogs =
        LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(HangfireLogs));
        return host;
    }

    /// <summary>Hands every timer (and unsent mail) that is due by the host's clock to Hangfire now.</summary>
    public Task SweepDueTimersAsync() => Services.GetRequiredService<TimerSweeper>().SweepAsync(TimeSpan.Zero, CancellationToken.None);

    public async Task<ApiClient> LoginAsync(string user, string? password = null)
    {
        var api = new ApiClient(CreateClient());
        await api.AuthenticateAsync(user, password ?? (user == "admin" ? AdminPassword : DemoPassword));
        return api;
    }

    /// <summary>A user the demo data does not have (e.g. an ERP service account), made as an admin would.</summary>
    public async Task CreateUserAsync(string name, string role, params string[] groups)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        if (await users.FindByNameAsync(name) is null)
        {
            var user = new WorkflowUser { UserName = name, DisplayName = name, Email = $"{name}@example.com" };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, role));
        }
        foreach (var group in groups) await Services.GetRequiredService<GroupDirectory>().AddMemberAsync(group, name);

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Reads rows the API does not show (outbox, timer rows) straight from the host's database.</summary>
    public async Task<T> ReadAsync<T>(Func<WorkflowDbContext, Task<T>> query)
    {
        await using var db = Services.GetRequiredService<WorkflowDbFactory>().Create();
        return await query(db);
    }

    /// <summary>What Hangfire holds right now, for a failure message.</summary>
    public string DescribeJobs() => HangfireJobs.Describe(Services.GetRequiredService<JobStorage>());

    /// <summary>Waits until Hangfire has no job waiting or running: whatever was handed over has been done.</summary>
    public Task WaitForIdleJobsAsync() => HangfireJobs.WaitForIdleAsync(Services.GetRequiredService<JobStorage>());
}
