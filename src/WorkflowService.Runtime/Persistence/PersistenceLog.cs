using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Persistence;

/// <summary>What writing to the database logs: retries of transient failures, and write batches that could not commit.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Writing {What}: attempt {Attempt} of {MaxAttempts} failed ({Kind}: {Message}); retrying in {Delay} ms")]
    public static partial void WriteRetrying(this ILogger logger, string what, int attempt, int maxAttempts, TransientErrors kind,
        string message, int delay);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A write batch of {Units} unit(s) was not committed; each caller gets the error and retries if it may")]
    public static partial void WriteBatchFailed(this ILogger logger, Exception error, int units);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write batch's transaction or context could not be closed")]
    public static partial void WriteBatchNotReleased(this ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "A write lane failed outside any unit of work; it goes on with the next")]
    public static partial void WriteLaneFault(this ILogger logger, Exception error);
}
