using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// At start-up, after the migrations (registered after <see cref="WorkflowStartup"/>): creates the
/// <c>default</c> calendar from <c>workflows/calendars/default.json</c> when the database has none
/// (a calendar an admin has edited is never overwritten), then reads every calendar into the store's copy.
/// </summary>
public sealed class CalendarSeeding(CalendarStore store, WorkflowsLocation location, ILogger<CalendarSeeding> logger) : IHostedService
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
