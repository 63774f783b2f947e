using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Whether a bearer token still speaks for its user: the user exists, is enabled, is not locked out, has the
/// security stamp the token was issued with (a password reset, disabling or a lost role changes it), and the
/// token itself was not revoked. Asked on every API call, so that a change stops the token at once: the rows are
/// read through the <see cref="AccessCache"/>, which a change on this node drops at once and one on another node
/// within its lifetime.
/// </summary>
public sealed class SignInState(WorkflowDbFactory dbFactory, TransactionRunner transactions, TimeProvider clock, AccessCache cache)
{
    private sealed record UserState(string? SecurityStamp, bool Disabled, DateTimeOffset? LockoutEnd);

    public async Task<bool> IsCurrentAsync(string userId, string? securityStamp, string? tokenId, CancellationToken ct = default)
    {
        var user = await ReadAsync(userId, ct);
        // The lockout's end is compared with the clock on every call, so a cached lockout ends when it should.
        if (!Speaks(user, securityStamp) || user!.LockoutEnd > clock.GetUtcNow()) return false;
        return tokenId is null || !await cache.GetOrReadAsync("token:" + tokenId, async () =>
        {
            await using var db = dbFactory.Create();
            return await db.RevokedTokens.AnyAsync(r => r.TokenId == tokenId, ct);
        });
    }

    /// <summary>
    /// Whether a page session (its cookie) still speaks for its user: the user exists, is enabled and has the stamp the
    /// session began with. A lockout stops new sign-ins, not sessions already open, as Identity's cookie validation has it.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(string userId, string? securityStamp, CancellationToken ct = default) =>
        Speaks(await ReadAsync(userId, ct), securityStamp);

    private static bool Speaks(UserState? user, string? securityStamp) =>
        user is not null && !user.Disabled && user.SecurityStamp == securityStamp;

    private Task<UserState?> ReadAsync(string userId, CancellationToken ct) =>
        cache.GetOrReadAsync("user:" + userId, async () =>
        {
            await using var db = dbFactory.Create();
            return await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new UserState(u.SecurityStamp, u.Disabled, u.LockoutEnd)).SingleOrDefaultAsync(ct);
        });

    /// <summary>Revokes one token until it would have expired; the revocations that have expired are dropped.</summary>
    public Task RevokeAsync(string userName, string tokenId, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        transactions.RunAsync($"revoking a token of {userName}", async db =>
        {
            var now = clock.GetUtcNow();
            await db.RevokedTokens.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(ct);
            if (!await db.RevokedTokens.AnyAsync(r => r.TokenId == tokenId, ct))
                db.RevokedTokens.Add(new RevokedTokenRecord { TokenId = tokenId, ExpiresAt = expiresAt });
            db.Audit.Add(new AuditRecord { At = now, Actor = userName, Action = AuditActions.TokenRevoked, Target = userName });
            await db.SaveChangesAsync(ct);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
}
