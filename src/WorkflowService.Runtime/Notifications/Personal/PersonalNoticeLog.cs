using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>What personal notifications log (never their text: a task name may be a customer's).</summary>
internal static partial class PersonalNoticeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Count} due-soon and overdue notices for {People} people")]
    public static partial void DueNoticesWritten(this ILogger logger, int count, int people);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push the bell of {People} people; their pages show it at the next load")]
    public static partial void PushFailed(this ILogger logger, Exception exception, int people);
}
