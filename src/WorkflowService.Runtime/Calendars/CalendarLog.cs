using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Calendars;

internal static partial class CalendarLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar '{Name}' seeded from {Path}")]
    public static partial void CalendarSeeded(this ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No calendar '{Name}' and no {Path} to seed it from: deadlines in it are unknown until an admin enters it")]
    public static partial void SeedMissing(this ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} saved calendar '{Name}' (version {Version})")]
    public static partial void CalendarSaved(this ILogger logger, string actor, string name, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored calendar '{Name}' cannot be used: {Problem}")]
    public static partial void CalendarUnusable(this ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the calendars failed; the copy read at {ReadAt} stays in use")]
    public static partial void RefreshFailed(this ILogger logger, Exception exception, DateTimeOffset readAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener of calendar changes failed for '{Name}'")]
    public static partial void ListenerFailed(this ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Missing schedule of {Years} in calendar '{Name}': reminder mailed to {Count} admin(s)")]
    public static partial void ReminderQueued(this ILogger logger, string years, string name, int count);
}
