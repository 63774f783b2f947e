using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Persistence;

/// <summary>What writing to the database logs when it retries a transient failure.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Writing {What}: attempt {Attempt} of {MaxAttempts} failed ({Kind}: {Message}); retrying in {Delay} ms")]
    public static partial void WriteRetrying(this ILogger logger, string what, int attempt, int maxAttempts, TransientErrors kind,
        string message, int delay);
}
