using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// The service with a fake clock and a real SMTP server, shared by the tests of one class. Each
/// test works on its own instances with its own customer names, so tests neither see each
/// other's tasks, breaches or mail, and moving the clock forward only fires timers whose
/// deadline really passed.
/// </summary>
public sealed class ServiceFixture : HostFixture
{
    public FakeTimeProvider Clock { get; } = HostSettings.FakeClock();
    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override async Task<HostSettings> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        return new HostSettings { Clock = Clock, SmtpPort = Smtp.Port };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Moves the clock forward and hands every timer due by then to Hangfire.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Host.SweepDueTimersAsync();
    }

    /// <summary>The instance as <c>GET /api/instances/{id}</c> shows it, checked for its whole shape.</summary>
    public static void AssertShape(JsonElement instance, string status, string[] activeElementIds,
        params (string ElementId, DateTimeOffset DueAt)[] pendingTimers)
    {
        Assert.Equal(status, instance.GetProperty("status").GetString());
        Assert.Equal(activeElementIds.Order(), ApiClient.Strings(instance.GetProperty("activeElementIds")).Order());
        var timers = instance.GetProperty("pendingTimers").EnumerateArray()
            .Select(t => (t.GetProperty("elementId").GetString()!, t.GetProperty("dueAt").GetDateTimeOffset()))
            .OrderBy(t => t.Item1).ToList();
        Assert.Equal(pendingTimers.OrderBy(t => t.ElementId).ToList(), timers);
        Assert.Empty(instance.GetProperty("incidents").EnumerateArray());
    }
}
