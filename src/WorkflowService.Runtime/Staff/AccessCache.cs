using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WorkflowService.Runtime.Staff;

public sealed class AccessCacheOptions
{
    public const string Section = "AccessCache";

    /// <summary>
    /// How long a user's sign-in state (enabled, stamp, lockout), a token's revocation and a user's groups are taken from
    /// memory. A write on this node drops them at once (<see cref="AccessCacheInvalidation"/>); a write on another node
    /// reaches this one within this time. Zero asks the database on every request, as before the cache.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// What every API request asked the database before its step (issue 14): whether its bearer token is still current
/// (<see cref="SignInState"/>, two queries) and the caller's groups (<see cref="Groups.GroupDirectory"/>, one query) — at
/// 16 connections the three cost more machine time than the HTTP pipeline itself. Kept here for
/// <see cref="AccessCacheOptions.Lifetime"/>, per host.
/// </summary>
/// <remarks>
/// Every write of users, group memberships or revoked tokens through EF Core's change tracker drops the whole cache twice:
/// when it is saved and when its transaction commits (<see cref="AccessCacheInvalidation"/>). An entry carries the
/// generation that was current before its database read began; any drop in between makes it a miss, so a read that
/// raced with a write — saw the row before the commit — is never served. Such writes are rare (staff administration,
/// sign-ins that fail), so dropping everything is simpler than tracking keys and costs nothing that matters.
/// </remarks>
public sealed class AccessCache(IOptions<AccessCacheOptions> options, TimeProvider clock)
{
    /// <summary>A bound on memory if tokens come and go faster than entries expire; reaching it drops everything.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    private sealed record Entry(object? Value, long Generation, DateTimeOffset ExpiresAt);

    public async Task<T> GetOrReadAsync<T>(string key, Func<Task<T>> read)
    {
        var lifetime = options.Value.Lifetime;
        if (lifetime <= TimeSpan.Zero) return await read();
        var generation = Interlocked.Read(ref _generation);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Generation == generation && hit.ExpiresAt > now) return (T)hit.Value!;
        var value = await read();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(value, generation, now + lifetime);
        return value;
    }

    /// <summary>
    /// Raised by <see cref="Invalidate"/>: someone's access may have changed on this node (what holds on to access beyond
    /// a request — live connections — looks again). Handlers run on the writer's thread and must only signal.
    /// </summary>
    public event Action? Invalidated;

    /// <summary>Drops every entry, and makes every read that began before this a miss.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        Invalidated?.Invoke();
    }
}
