using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Definitions;

/// <summary>What deploying, publishing and saving process definitions logs (texts are matched by log readers: keep them).</summary>
internal static partial class DefinitionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Key} version {Version} by {User}")]
    public static partial void Published(this ILogger logger, string key, int version, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflows directory {Directory} does not exist; nothing deployed")]
    public static partial void WorkflowsDirectoryMissing(this ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {File} as {Key} v{Version}")]
    public static partial void Deployed(this ILogger logger, string file, string key, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft of {Key} saved by {User}")]
    public static partial void DraftSaved(this ILogger logger, string key, string user);
}
