using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Persistence;

/// <summary>Which failures of a write may be retried by doing it again from the start.</summary>
[Flags]
public enum TransientErrors
{
    /// <summary>The database was busy or locked (SQLITE_BUSY, SQLITE_LOCKED), or the unit's write batch was not committed: nothing was written.</summary>
    Busy = 1,

    /// <summary>Another writer won: a concurrency token moved, or PostgreSQL aborted a serialization failure or deadlock.</summary>
    Conflict = 2,

    /// <summary>
    /// A unique key was taken between the read and the insert (two publishers of one version, two
    /// first saves of one draft). Only a writer that reads the key again on the next attempt may
    /// declare it; for anyone else it is a real error.
    /// </summary>
    UniqueKeyRace = 4,

    /// <summary>What any unit of work that re-reads its rows on each attempt can retry.</summary>
    Default = Busy | Conflict,
}

/// <summary>
/// The one retry policy of the runtime's writers: a bounded number of attempts, a jittered
/// backoff that grows with each attempt (so writers that collided do not collide again in step),
/// a debug log naming what is retried and why, and the caller's cancellation honoured between
/// attempts. An attempt must be a whole unit of work (read, decide, write, commit): it is redone
/// on fresh rows, never resumed.
/// </summary>
public sealed class TransientRetry(ILogger<TransientRetry> logger, int maxAttempts = TransientRetry.DefaultMaxAttempts)
{
    public const int DefaultMaxAttempts = 8;

    /// <summary>Upper bound of the first backoff; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    public int MaxAttempts { get; } = maxAttempts >= 1 ? maxAttempts : throw new ArgumentOutOfRangeException(nameof(maxAttempts));

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds, fails with an
    /// error that is not in <paramref name="retryOn"/>, or has failed <see cref="MaxAttempts"/> times:
    /// then the last error is thrown as it was.
    /// </summary>
    public async Task<T> RunAsync<T>(string what, Func<int, Task<T>> attempt, CancellationToken ct,
        TransientErrors retryOn = TransientErrors.Default)
    {
        for (var number = 1; ; number++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return await attempt(number);
            }
            catch (Exception ex) when (number < MaxAttempts && Classify(ex) is { } kind && retryOn.HasFlag(kind))
            {
                var delay = Backoff(number);
                logger.WriteRetrying(what, number, MaxAttempts, kind, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
        }
    }

    /// <summary>A random delay up to 10 ms, 20 ms, 40 ms... (at most half a second) after attempt <paramref name="attempt"/>.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(1 + Random.Shared.NextDouble() * (ceiling - 1));
    }

    /// <summary>Which kind of transient failure <paramref name="ex"/> is, or null for an error to report.</summary>
    public static TransientErrors? Classify(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => TransientErrors.Conflict,
        WriteBatchAbortedException => TransientErrors.Busy, // nothing of the unit was written
        SqliteException { SqliteErrorCode: 5 or 6 } => TransientErrors.Busy, // SQLITE_BUSY, SQLITE_LOCKED
        // SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY; a foreign key or NOT NULL violation is no race.
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => TransientErrors.UniqueKeyRace,
        Npgsql.PostgresException { SqlState: "40001" or "40P01" } => TransientErrors.Conflict, // serialization failure, deadlock
        Npgsql.PostgresException { SqlState: "23505" } => TransientErrors.UniqueKeyRace, // unique_violation
        DbUpdateException { InnerException: { } inner } => Classify(inner),
        _ => null,
    };
}
