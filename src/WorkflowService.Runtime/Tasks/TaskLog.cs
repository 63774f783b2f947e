using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Tasks;

/// <summary>What claiming, completing and preparing user tasks logs.</summary>
internal static partial class TaskLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} of instance {InstanceId} {Action} by {User}")]
    public static partial void ClaimChanged(this ILogger logger, Guid taskId, Guid instanceId, string action, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} of instance {InstanceId} handed on to {Assignee} by {User}")]
    public static partial void HandedOn(this ILogger logger, Guid taskId, Guid instanceId, string assignee, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} of instance {InstanceId} completed by {User}")]
    public static partial void Completed(this ILogger logger, Guid taskId, Guid instanceId, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Default value of form field {Field} failed: {Message}")]
    public static partial void DefaultValueFailed(this ILogger logger, string field, string message);
}
