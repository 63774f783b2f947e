namespace WorkflowService.Web.Hotline;

/// <summary>What answering calls at the desk and announcing them to the agents logs.</summary>
internal static partial class HotlineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Call task {TaskId}: {User} was not first: {Message}")]
    public static partial void NotFirst(this ILogger logger, Guid taskId, string user, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} (instance {InstanceId}, task {TaskId}) answered by {User}")]
    public static partial void AnsweredAtDesk(this ILogger logger, string? callId, Guid instanceId, Guid taskId, string user);

    /// <remarks>The message lists <paramref name="audience"/> comma-separated, as it always has.</remarks>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Hotline {Kind} for task {TaskId} of instance {InstanceId} sent to {Audience}")]
    public static partial void Announced(this ILogger logger, string kind, Guid taskId, Guid instanceId, IReadOnlyList<string> audience);
}
