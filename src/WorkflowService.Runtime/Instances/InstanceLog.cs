using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Instances;

/// <summary>What starting instances, running their steps and handing over the steps' effects logs.</summary>
internal static partial class InstanceLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand over step effects; the sweeper will pick them up")]
    public static partial void EffectsNotHandedOver(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Count} notifications")]
    public static partial void NotificationsNotPushed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{User} may not start {Key} version {Version}: it may be started by {Starters}")]
    public static partial void StartRefused(this ILogger logger, string user, string key, int version, string starters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: {Event} ignored: {Reason}")]
    public static partial void EventIgnored(this ILogger logger, Guid instanceId, string @event, string? reason);
}
