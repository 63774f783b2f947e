using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Messages;

/// <summary>What correlating messages logs.</summary>
internal static partial class MessageLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Message {Message}: skipped {Key} version {Version}")]
    public static partial void VersionSkipped(this ILogger logger, Exception exception, string message, string key, int version);
}
