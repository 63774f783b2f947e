namespace WorkflowService.Web.Pages;

/// <summary>What the pages log: sign-ins, and the requests a user made that were refused.</summary>
internal static partial class PageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in")]
    public static partial void SignedIn(this ILogger logger, string? user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused to {User}: locked out after repeated failed sign-ins")]
    public static partial void SignInRefusedLockedOut(this ILogger logger, string? user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: {User}'s request refused: {Message}")]
    public static partial void InstanceRequestRefused(this ILogger logger, Guid instanceId, string user, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: {Count} value(s) refused for {User}")]
    public static partial void TaskValuesRefused(this ILogger logger, Guid taskId, int count, string user);
}
