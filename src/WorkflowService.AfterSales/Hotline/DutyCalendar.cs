using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Calendars;

namespace WorkflowService.AfterSales.Hotline;

/// <summary>What the duty roster asks of the department's calendar: the few questions of <see cref="WorkingCalendar"/> it needs.</summary>
public interface IDutyCalendar
{
    TimeZoneInfo Zone { get; }
    bool IsWorkingDay(DateOnly day);
    bool IsWorkingTime(DateTimeOffset at);

    /// <summary><paramref name="at"/> in working time, else the start of the next working period.</summary>
    DateTimeOffset NextWorkingMoment(DateTimeOffset at);
}

/// <summary>Where the roster finds the department's calendar (tests give their own).</summary>
public interface IDutyCalendarSource
{
    /// <summary>The <c>default</c> calendar, or null when the service keeps no calendars.</summary>
    IDutyCalendar? Department { get; }
}

/// <summary>The engine's <c>default</c> calendar, read on every use (an admin may edit it), when the host registers an <see cref="ICalendarSource"/>.</summary>
public sealed class EngineDutyCalendarSource(IServiceProvider services) : IDutyCalendarSource
{
    public const string CalendarName = "default";

    public IDutyCalendar? Department =>
        services.GetService<ICalendarSource>()?.Find(CalendarName) is { } calendar ? new WorkingDutyCalendar(calendar) : null;

    private sealed class WorkingDutyCalendar(WorkingCalendar calendar) : IDutyCalendar
    {
        public TimeZoneInfo Zone => calendar.Zone;
        public bool IsWorkingDay(DateOnly day) => calendar.IsWorkingDay(day);
        public bool IsWorkingTime(DateTimeOffset at) => calendar.IsWorkingTime(at);
        public DateTimeOffset NextWorkingMoment(DateTimeOffset at) => calendar.NextWorkingMoment(at);
    }
}

/// <summary>No calendar kept: every day and every hour is working time, in the department's zone.</summary>
public sealed class AlwaysWorking(TimeZoneInfo zone) : IDutyCalendar
{
    public static AlwaysWorking Of(IOptions<AfterSalesOptions> options) => new(TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));

    public TimeZoneInfo Zone => zone;
    public bool IsWorkingDay(DateOnly day) => true;
    public bool IsWorkingTime(DateTimeOffset at) => true;
    public DateTimeOffset NextWorkingMoment(DateTimeOffset at) => at;
}
