using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Calendars;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// A saved calendar moves the pending timers that count in it (<see cref="TimerRecompute"/>), in the calendar
/// as it now is (a newer save wins), for as long as the service runs — not for as long as the admin's request
/// does. Work a stop or a crash cut short is done again at the next start (<see cref="CalendarTimersAtStartUp"/>).
/// </summary>
/// <remarks>The store is looked up when a calendar changes: the store itself is built with its listeners.</remarks>
public sealed class CalendarEditedTimers(TimerRecompute recompute, IServiceProvider services, IHostApplicationLifetime lifetime)
    : ICalendarChangeListener
{
    public Task CalendarChangedAsync(CalendarChanged change, CancellationToken ct) =>
        services.GetRequiredService<CalendarStore>().Find(change.Name) is { } calendar
            ? recompute.RecomputeAsync(calendar, lifetime.ApplicationStopping)
            : Task.CompletedTask;
}

/// <summary>
/// Once the service has started: the pending timers of every calendar are computed again, so an edit whose
/// re-computation a stop or a crash cut short (or a timer another node armed with an older copy) is put right.
/// Rows already right are only read.
/// </summary>
public sealed class CalendarTimersAtStartUp(TimerRecompute recompute, CalendarStore store, ILogger<CalendarTimersAtStartUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var stored in await store.ListAsync(stoppingToken))
            {
                if (store.Find(stored.Name) is { } calendar) await recompute.RecomputeAsync(calendar, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.StartUpRecomputeFailed(ex);
        }
    }
}
