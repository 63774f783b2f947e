using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// At start-up, after the migrations (registered after <see cref="WorkflowStartup"/>): creates the
/// <c>default</c> calendar from <c>workflows/calendars/default.json</c> when the database has none
/// (a calendar an admin has edited is never overwritten), then reads every calendar into the store's copy
/// and schedules the December reminder (<see cref="ScheduleReminder"/>).
/// </summary>
public sealed class CalendarSeeding(
    CalendarStore store,
    WorkflowsLocation location,
    IRecurringJobManager recurring,
    IOptions<AppOptions> app,
    ILogger<CalendarSeeding> logger) : IHostedService
{
    public static string FileOf(WorkflowsLocation location, string name) => Path.Combine(location.Directory, "calendars", $"{name}.json");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = FileOf(location, CalendarNames.Default);
        if (await store.FindStoredAsync(CalendarNames.Default, cancellationToken) is null)
        {
            if (!File.Exists(path))
                logger.SeedMissing(CalendarNames.Default, path);
            else
            {
                var definition = CalendarText.Parse(await File.ReadAllTextAsync(path, cancellationToken), CalendarNames.Default)
                    with { Name = CalendarNames.Default };
                if (await store.SeedAsync(definition, cancellationToken)) logger.CalendarSeeded(CalendarNames.Default, path);
            }
        }
        await store.RefreshAsync(cancellationToken);
        ScheduleReminder.Schedule(recurring, app.Value.Zone);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
