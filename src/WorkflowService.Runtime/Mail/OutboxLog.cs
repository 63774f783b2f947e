using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Mail;

/// <summary>What sending an outbox mail logs: each attempt, its retry, and its end.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox {OutboxId}: nothing to send ({Status})")]
    public static partial void NothingToSend(this ILogger logger, Guid outboxId, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox {OutboxId}: next attempt is at {NextAttemptAt}")]
    public static partial void NotDueYet(this ILogger logger, Guid outboxId, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {OutboxId} of instance {InstanceId} failed for good: {Error}")]
    public static partial void FailedForGood(this ILogger logger, Guid outboxId, Guid? instanceId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId} of instance {InstanceId}: skipped recipients: {Skipped}")]
    public static partial void RecipientsSkipped(this ILogger logger, Guid outboxId, Guid? instanceId, string skipped);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Outbox {OutboxId} of instance {InstanceId} sent to {Count} recipients via {Destination} (attempt {Attempt})")]
    public static partial void Sent(this ILogger logger, Guid outboxId, Guid? instanceId, int count, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox {OutboxId} of instance {InstanceId}: attempt {Attempt} failed; next at {NextAttemptAt}")]
    public static partial void AttemptFailed(this ILogger logger, Exception exception, Guid outboxId, Guid? instanceId, int attempt,
        DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: could not schedule the attempt; the sweeper will")]
    public static partial void AttemptNotScheduled(this ILogger logger, Exception exception, Guid outboxId);
}
