using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>What firing timers and sweeping up overdue timers and mails logs.</summary>
internal static partial class TimerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerId} of instance {InstanceId} ignored: {Reason}")]
    public static partial void TimerIgnored(this ILogger logger, Guid timerId, Guid instanceId, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {TimerId} handled elsewhere: {Message}")]
    public static partial void TimerHandledElsewhere(this ILogger logger, Guid timerId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start timer {ElementId} of {Key} started instance {InstanceId}")]
    public static partial void StartTimerStarted(this ILogger logger, string elementId, string key, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start timer {TimerId} handled elsewhere: {Message}")]
    public static partial void StartTimerHandledElsewhere(this ILogger logger, Guid timerId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-armed {Timers} pending timers and {Mails} unsent mails")]
    public static partial void Rearmed(this ILogger logger, int timers, int mails);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept up {Timers} overdue timers and {Mails} unsent mails")]
    public static partial void SweptUp(this ILogger logger, int timers, int mails);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handed over {Timers} timers now due within {Horizon}")]
    public static partial void HorizonReached(this ILogger logger, int timers, TimeSpan horizon);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer sweep failed; trying again in {Interval}")]
    public static partial void SweepFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA warning {TimerId} at {Mark}% sent for instance {InstanceId}")]
    public static partial void SlaWarningSent(this ILogger logger, Guid timerId, int mark, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Calendar} edited: {Moved} pending timers re-computed ({Earlier} now due earlier) at {At}")]
    public static partial void Recomputed(this ILogger logger, string calendar, int moved, int earlier, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} of calendar {Calendar} keeps its due time: {Reason}")]
    public static partial void RecomputeSkipped(this ILogger logger, Guid timerId, string calendar, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Calendar} edited: the due dates of {Moved} open tasks re-computed")]
    public static partial void TaskDuesRecomputed(this ILogger logger, string calendar, int moved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} counted in calendar {Calendar} keeps its due date: {Reason}")]
    public static partial void TaskDueRecomputeSkipped(this ILogger logger, Guid taskId, string calendar, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-computing the pending timers of the calendars at start-up failed; they keep their due times")]
    public static partial void StartUpRecomputeFailed(this ILogger logger, Exception exception);
}
