using Microsoft.Extensions.Time.Testing;
using WorkflowService.Testing.Smtp;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>
/// The service on a clock stopped on 10 December 2026 (09:00 in Shanghai), with an SMTP server: the shipped
/// <c>default</c> calendar has 2025 and 2026 entered, so 2027's schedule is what admins are told is missing.
/// </summary>
public sealed class DecemberService : HostFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 10, 1, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);
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
}
