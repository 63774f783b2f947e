namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// One host for all tests of a class (xUnit class fixture), for tests that each keep to their own
/// calls and instances: starting a host per test would cost seconds each.
/// </summary>
public abstract class SharedHost(HostSettings settings) : IAsyncLifetime
{
    public WorkflowHost Host { get; } = new(settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The webhook open to <see cref="Telephony.Secret"/>, five-second rings.</summary>
public sealed class TelephonyHost() : SharedHost(new HostSettings { Settings = Telephony.Settings(ringSeconds: 5) });

/// <summary>One-second rings, so the three-rings rule breaks after three seconds.</summary>
public sealed class QuickRingHost() : SharedHost(new HostSettings { Settings = Telephony.Settings(ringSeconds: 1) });
