using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Whether a bearer token still speaks for its user: the user exists, is enabled, is not locked out, has the
/// security stamp the token was issued with (a password reset, disabling or a lost role changes it), and the
/// token itself was not revoked. Asked on every API call, so that a change stops the token at once.
/// </summary>
public sealed class SignInState(WorkflowDbFactory dbFactory, TransactionRunner transactions, TimeProvider clock)
{
    public async Task<bool> IsCurrentAsync(string userId, string? securityStamp, string? tokenId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.Disabled, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        if (user is null || user.Disabled || user.SecurityStamp != securityStamp || user.LockoutEnd > clock.GetUtcNow()) return false;
        return tokenId is null || !await db.RevokedTokens.AnyAsync(r => r.TokenId == tokenId, ct);
    }

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
