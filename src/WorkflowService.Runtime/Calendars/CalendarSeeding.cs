using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// At start-up, called by <see cref="WorkflowStartup"/> after the migrations and before the workflows are
/// deployed (a shipped process names calendar <c>default</c>, and publication refuses an undefined one): creates the
/// <c>default</c> calendar from <c>workflows/calendars/default.json</c> when the database has none
/// (a calendar an admin has edited is never overwritten), then reads every calendar into the store's copy
/// and schedules the December reminder (<see cref="ScheduleReminder"/>).
/// </summary>
public sealed class CalendarSeeding(
    CalendarStore store,
    WorkflowsLocation location,
    IRecurringJobManager recurring,
    IOptions<AppOptions> app,
    IOptions<CalendarsOptions> options,
    ILogger<CalendarSeeding> logger)
{
    public static string FileOf(WorkflowsLocation location, string name) => Path.Combine(location.Directory, "calendars", $"{name}.json");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SeedDirectory is { Length: > 0 } seeds
            ? Path.Combine(seeds, $"{CalendarNames.Default}.json")
            : FileOf(location, CalendarNames.Default);
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
}
