namespace WorkflowService.Web.Hubs;

/// <summary>What pushing notifications to the browsers logs.</summary>
internal static partial class HubLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notifier} could not push {Count} notifications")]
    public static partial void PushFailed(this ILogger logger, Exception exception, string notifier, int count);
}
