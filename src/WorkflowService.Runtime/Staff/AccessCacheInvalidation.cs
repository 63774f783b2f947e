using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Drops the <see cref="AccessCache"/> when a context saves a user (Identity's store: disabling, stamps, lockouts,
/// passwords, roles), a group or membership, or a revoked token: once before the save, once after it and once more when
/// the transaction holding it commits — a request that read the old row in between must not keep it.
/// </summary>
/// <remarks>
/// Writes that bypass the change tracker (<c>ExecuteUpdate</c>, raw SQL) are not seen, nor are other nodes' writes:
/// those reach this node within <see cref="AccessCacheOptions.Lifetime"/>. Nothing in the service writes these tables
/// that way (deleting expired revocations un-revokes only tokens that have expired anyway).
/// </remarks>
public sealed class AccessCacheInvalidation(AccessCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Pending = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(IsAccessWrite)) return;
        cache.Invalidate();
        _pending.AddOrUpdate(context, Pending);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _)) return;
        cache.Invalidate();
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void Ended(DbContext? context)
    {
        if (context is not null && _pending.Remove(context)) cache.Invalidate();
    }

    private static bool IsAccessWrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is WorkflowUser or GroupMember or GroupRecord or RevokedTokenRecord or IdentityUserRole<string>
            or IdentityUserClaim<string>;
}
