namespace WorkflowService.Web.Hotline;

/// <summary>What the telephony webhook logs: the events it admits, refuses, and what each did to its call.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Telephony event refused: Telephony:Secret is not configured, so the webhook accepts nothing")]
    public static partial void SecretNotConfigured(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telephony event refused: {Header} missing or wrong")]
    public static partial void SecretRefused(this ILogger logger, string header);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Telephony event {Event} for call {CallId} from {From} to {To} at {At}, reported by {SentBy}")]
    public static partial void EventReceived(this ILogger logger, string @event, string callId, string? from, string? to,
        DateTimeOffset? at, string sentBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} rings for {OnDuty}: instance {InstanceId}")]
    public static partial void Rings(this ILogger logger, string callId, Guid instanceId, string onDuty);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Call {CallId} outside working time: forwarded to {ForwardedTo}, called back at {CallBackAt} (instance {InstanceId})")]
    public static partial void Forwarded(this ILogger logger, string callId, Guid instanceId, string forwardedTo, string? callBackAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: answered event after the call was taken: {Message}")]
    public static partial void AnsweredAfterTaken(this ILogger logger, string callId, string message);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Call {CallId} (instance {InstanceId}, task {TaskId}) answered at the PBX by {AnsweredBy}")]
    public static partial void AnsweredAtPbx(this ILogger logger, string callId, Guid instanceId, Guid taskId, string answeredBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: ended event after the call was taken: {Message}")]
    public static partial void EndedAfterTaken(this ILogger logger, string callId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} (instance {InstanceId}) missed: the caller hung up")]
    public static partial void Missed(this ILogger logger, string callId, Guid instanceId);
}
