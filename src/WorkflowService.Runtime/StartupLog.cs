using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime;

/// <summary>What preparing the database and the workflows on start logs.</summary>
internal static partial class StartupLog
{
    /// <remarks>
    /// The message lists <paramref name="migrations"/> comma-separated, as it always has; the join happens only when
    /// the line is written.
    /// </remarks>
    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migrations: {Migrations}")]
    public static partial void ApplyingMigrations(this ILogger logger, int count, IReadOnlyList<string> migrations);
}
