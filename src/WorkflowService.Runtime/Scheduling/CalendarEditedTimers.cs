using Microsoft.Extensions.Options;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>A saved calendar moves the pending timers that count in it (<see cref="TimerRecompute"/>).</summary>
public sealed class CalendarEditedTimers(TimerRecompute recompute, IOptions<AppOptions> app) : ICalendarChangeListener
{
    public Task CalendarChangedAsync(CalendarChanged change, CancellationToken ct) =>
        recompute.RecomputeAsync(WorkingCalendar.Create(change.Definition with { Name = change.Name }, app.Value.TimeZone), ct);
}
