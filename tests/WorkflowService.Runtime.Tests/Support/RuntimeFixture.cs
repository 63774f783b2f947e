using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>
/// One runtime for the tests of a class (xunit class fixture): started before the first test,
/// disposed with its data folder after the last.
/// </summary>
public abstract class RuntimeFixture : IAsyncLifetime
{
    public RuntimeHost Host { get; private set; } = null!;

    /// <summary>How the runtime is set up (a clock, an SMTP port); called once, before it starts.</summary>
    protected abstract Task<RuntimeSettings> SettingsAsync();

    public async Task InitializeAsync() => Host = await RuntimeHost.StartAsync(await SettingsAsync());

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        TempFolder.TryDelete(Host.Settings.DataDirectory);
    }

    /// <summary>A member of the demo staff acting on this runtime.</summary>
    public RuntimeUser As(string user) => Host.As(user);

    /// <summary>A new complaint and the id of its first task, offered to the agents group (agent, agent2).</summary>
    public async Task<(Guid Instance, Guid Task)> ComplaintToRecordAsync(string businessKey)
    {
        var agent = As("agent");
        var id = await agent.StartAsync("complaint", businessKey: businessKey);
        return (id, await agent.TaskIdAsync(id, "recordComplaint"));
    }
}

/// <summary>The runtime on the system clock, for timers of a few seconds.</summary>
public sealed class RealClockRuntime : RuntimeFixture
{
    protected override Task<RuntimeSettings> SettingsAsync() => Task.FromResult(new RuntimeSettings());
}

/// <summary>The runtime on a clock whose timers end early (<see cref="EarlyTimerClock"/>).</summary>
public sealed class EarlyTimerRuntime : RuntimeFixture
{
    protected override Task<RuntimeSettings> SettingsAsync() => Task.FromResult(new RuntimeSettings { Clock = new EarlyTimerClock() });
}
