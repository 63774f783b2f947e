using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// What robot messages log: the robot's name and the outbox id (the notification's stable id, the same on every
/// attempt), never the URL or the secret.
/// </summary>
internal static partial class RobotLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot outbox {OutboxId}: nothing to send ({Status})")]
    public static partial void NothingToSend(this ILogger logger, Guid outboxId, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot outbox {OutboxId}: next attempt is at {NextAttemptAt}")]
    public static partial void NotDueYet(this ILogger logger, Guid outboxId, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Robot outbox {OutboxId} ({Event}) sent to robot '{Robot}' (attempt {Attempt})")]
    public static partial void Sent(this ILogger logger, Guid outboxId, string @event, string robot, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Robot outbox {OutboxId} to robot '{Robot}': attempt {Attempt} failed ({Error}); next at {NextAttemptAt}")]
    public static partial void AttemptFailed(this ILogger logger, Guid outboxId, string robot, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Robot outbox {OutboxId} to robot '{Robot}' failed for good: {Error}")]
    public static partial void FailedForGood(this ILogger logger, Guid outboxId, string robot, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Robot outbox {OutboxId}: could not schedule the attempt; the sweeper will")]
    public static partial void AttemptNotScheduled(this ILogger logger, Exception exception, Guid outboxId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot outbox {OutboxId}: robot '{Robot}' was posted to just now; again at {At}")]
    public static partial void Paced(this ILogger logger, Guid outboxId, string robot, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Robots get no '{Event}' message about instance {InstanceId}: {Error}")]
    public static partial void NoticeNotRendered(this ILogger logger, string @event, Guid? instanceId, string error);
}
