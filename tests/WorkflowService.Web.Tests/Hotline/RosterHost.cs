using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Web.Hubs;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>
/// The service with a fake clock, the telephony webhook open (five-second rings), a department calendar the tests
/// control (<see cref="TestDutyCalendar"/>) and a hub that records who each live message was for.
/// </summary>
public sealed class RosterHost : HostFixture
{
    public FakeTimeProvider Clock { get; } = HostSettings.FakeClock();
    public RecordingHub Hub { get; } = new();
    public TestDutyCalendar Calendar { get; } = new();
    public LogCapture Logs { get; } = new();

    protected override Task<HostSettings> SettingsAsync() => Task.FromResult(new HostSettings
    {
        Clock = Clock,
        Settings = Telephony.Settings(ringSeconds: 5),
        Services = s =>
        {
            s.AddSingleton<IHubContext<WorkflowHub>>(Hub);
            s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            s.Replace(ServiceDescriptor.Singleton<IDutyCalendarSource>(Calendar));
        },
    });

    /// <summary>Moves the clock to the next <paramref name="day"/> at <paramref name="time"/> (Asia/Shanghai) and fires what fell due.</summary>
    public async Task MoveToAsync(DayOfWeek day, TimeOnly time)
    {
        Clock.SetUtcNow(Calendar.Next(day, time, Clock.GetUtcNow()));
        await Host.SweepDueTimersAsync();
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Host.SweepDueTimersAsync();
    }
}
