using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Scheduling;

namespace WorkflowService.Web.Tests.Support;

/// <summary>How a test host is set up: its data folder, clock and SMTP server.</summary>
public sealed record HostSettings
{
    /// <summary>Folder of the SQLite file and mail drop; reuse it to "restart" the service on the same data.</summary>
    public string DataDirectory { get; init; } = TempFolder.Create();

    /// <summary>A fake clock for timers of hours and days; null for the real clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    public int? SmtpPort { get; init; }
    public Dictionary<string, string?> Settings { get; init; } = [];
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
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Settings.DataDirectory,
            ["Workflows:Directory"] = RepositoryPaths.Workflows,
            ["Demo:Seed"] = "true",
            ["Demo:Password"] = DemoPassword,
            ["Bootstrap:AdminUser"] = "admin",
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Scheduling:PollingInterval"] = "00:00:00.100",
            ["Scheduling:SweepInterval"] = "00:00:01",
            ["Scheduling:SweepGrace"] = "00:00:00",
            ["Smtp:RetryDelays:0"] = "00:00:00.500",
            ["App:BaseUrl"] = "http://workflow.test",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (Settings.SmtpPort is { } port)
        {
            settings["Smtp:Host"] = "127.0.0.1";
            settings["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Smtp:From"] = "WorkflowService <workflow@workflow.test>";
        }
        foreach (var (key, value) in Settings.Settings) settings[key] = value;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);

        if (Settings.Clock is { } clock)
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
    }

    /// <summary>Hands every timer that is due by the (fake) clock to Hangfire now.</summary>
    public Task SweepDueTimersAsync() => Services.GetRequiredService<TimerSweeper>().SweepAsync(TimeSpan.Zero, CancellationToken.None);

    public async Task<ApiClient> LoginAsync(string user, string? password = null)
    {
        var client = CreateClient();
        var api = new ApiClient(client);
        await api.AuthenticateAsync(user, password ?? (user == "admin" ? AdminPassword : DemoPassword));
        return api;
    }
}

public static class TempFolder
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "workflowservice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowService.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("WorkflowService.sln not found above " + AppContext.BaseDirectory);
    }
}
