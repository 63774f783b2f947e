using System.Globalization;

namespace WorkflowService.Testing;

/// <summary>
/// The settings every test host of the service starts with, web or runtime alone: its own data
/// folder, the shipped workflows, fast polling and sweeping, a short SMTP retry, and quiet logs.
/// </summary>
public static class TestServiceSettings
{
    /// <param name="smtpPort">The in-process SMTP server's port, or null to drop mail into the data folder.</param>
    /// <param name="fakeClock">Whether the host runs on a fake clock that tests move by hand.</param>
    /// <param name="overrides">A test's own settings, applied last.</param>
    public static Dictionary<string, string?> For(string dataDirectory, int? smtpPort, bool fakeClock,
        IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Workflows:Directory"] = RepositoryPaths.Workflows,
            ["Scheduling:PollingInterval"] = "00:00:00.100",
            ["Scheduling:SweepInterval"] = "00:00:01",
            ["Scheduling:SweepGrace"] = "00:00:00",
            ["Smtp:RetryDelays:0"] = "00:00:00.500",
            ["App:BaseUrl"] = "http://workflow.test",
            // The every-minute due sweep runs on real minutes: tests run it when they move their clock.
            ["Notifications:Personal:DueSweep"] = "false",
            // WS_TEST_LOGLEVEL=Information shows what the service does while a test runs.
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("WS_TEST_LOGLEVEL") ?? "Warning",
        };
        if (smtpPort is { } port)
        {
            settings["Smtp:Host"] = "127.0.0.1";
            settings["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
            settings["Smtp:From"] = "WorkflowService <workflow@workflow.test>";
        }
        if (fakeClock)
        {
            // A fake clock runs a periodic timer once for every period it jumps over: with a one-second
            // sweep, a jump of a day would sweep (and hand the same timer to Hangfire) thousands of
            // times. Tests sweep when they move time; the longest period PeriodicTimer takes is ~49 days.
            settings["Scheduling:SweepInterval"] = "30.00:00:00";
            // Tests on a fake clock move it by whole hours and days from whatever weekday today is: their
            // calendar default works around the clock, so a working day is a day. The working-time rules
            // have tests of their own on the shipped calendar.
            settings["Calendars:SeedDirectory"] = Path.Combine(RepositoryPaths.Root, "tests", "WorkflowService.Testing", "Calendars");
        }
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }
}
