using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// One service for the tests of a class (xunit class fixture): started before the first test,
/// disposed with its data folder after the last, with one signed-in client per user.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<ApiClient>> _clients = new();

    public WorkflowHost Host { get; private set; } = null!;

    /// <summary>How the service is set up (a clock, an SMTP port); called once, before it starts.</summary>
    protected abstract Task<HostSettings> SettingsAsync();

    public async Task InitializeAsync()
    {
        Host = new WorkflowHost(await SettingsAsync());
        _ = Host.Server; // start now: migrations, deployment and demo users before the first test
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        TempFolder.TryDelete(Host.Settings.DataDirectory);
    }

    /// <summary>A signed-in client of a user (one per user, reused).</summary>
    public Task<ApiClient> As(string user) => _clients.GetOrAdd(user, u => Host.LoginAsync(u));

    /// <summary>A new complaint and the id of its first task, offered to the agents group (agent, agent2).</summary>
    public async Task<(Guid Instance, Guid Task)> ComplaintToRecordAsync(string businessKey)
    {
        var agent = await As("agent");
        var id = await agent.StartAsync("complaint", businessKey: businessKey);
        return (id, await agent.TaskIdAsync(id, "recordComplaint"));
    }
}

/// <summary>The service on the system clock, for timers of a few seconds.</summary>
public sealed class RealClockService : HostFixture
{
    protected override Task<HostSettings> SettingsAsync() => Task.FromResult(new HostSettings());
}

/// <summary>The telephony webhook open to <see cref="Telephony.Secret"/>, five-second rings.</summary>
public sealed class TelephonyHost : HostFixture
{
    protected override Task<HostSettings> SettingsAsync() =>
        Task.FromResult(new HostSettings { Settings = Telephony.Settings(ringSeconds: 5) });
}

/// <summary>One-second rings, so the three-rings rule breaks after three seconds.</summary>
public sealed class QuickRingHost : HostFixture
{
    protected override Task<HostSettings> SettingsAsync() =>
        Task.FromResult(new HostSettings { Settings = Telephony.Settings(ringSeconds: 1) });
}

/// <summary>The service with <see cref="InjectedFailure"/> routes that throw, and its log kept in <see cref="Logs"/>.</summary>
public sealed class FaultyService : HostFixture
{
    public LogCapture Logs { get; } = new();

    /// <summary>The service's password hasher, counting the checks it makes.</summary>
    public CountingPasswordHasher Passwords { get; } = new();

    protected override Task<HostSettings> SettingsAsync() => Task.FromResult(new HostSettings
    {
        Services = s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            s.AddSingleton<IPasswordHasher<WorkflowUser>>(Passwords);
            s.AddTransient<IStartupFilter, InjectedFailure>();
        },
    });
}

/// <summary>Identity's password hasher, counting how many passwords it has checked.</summary>
public sealed class CountingPasswordHasher : PasswordHasher<WorkflowUser>
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public override PasswordVerificationResult VerifyHashedPassword(WorkflowUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
