using Microsoft.Extensions.Time.Testing;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>
/// The service on a fake clock seeded with the shipped <c>default</c> calendar (China's schedule), where
/// other fake-clock hosts seed a round-the-clock one: for the tests of the calendars themselves.
/// </summary>
public sealed class ShippedCalendarService : HostFixture
{
    /// <summary>The settings that seed the shipped calendars rather than the tests' round-the-clock default.</summary>
    public static Dictionary<string, string?> SeedShipped => new()
    {
        ["Calendars:SeedDirectory"] = Path.Combine(RepositoryPaths.Workflows, "calendars"),
    };

    public FakeTimeProvider Clock { get; } = HostSettings.FakeClock();
    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override async Task<HostSettings> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        return new HostSettings { Clock = Clock, SmtpPort = Smtp.Port, Settings = SeedShipped };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
