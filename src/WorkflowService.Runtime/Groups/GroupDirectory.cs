using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Groups;

/// <summary>A group as its readers see it: its name, the name shown, its members' user names.</summary>
public sealed record GroupView(string Name, string? DisplayName, IReadOnlyList<string> Members);

/// <summary>Groups and their members: the candidate groups BPMN user tasks name.</summary>
public sealed class GroupDirectory(WorkflowDbFactory dbFactory, TransactionRunner transactions, Staff.AccessCache cache)
{
    /// <summary>
    /// A user's groups, asked by every API request and hub connection: through the <see cref="Staff.AccessCache"/>,
    /// so a membership changed on this node counts at once and one changed on another node within the cache's lifetime.
    /// </summary>
    public Task<IReadOnlySet<string>> GroupsOfAsync(string userName, CancellationToken ct = default) =>
        cache.GetOrReadAsync<IReadOnlySet<string>>("groups:" + userName, async () =>
        {
            await using var db = dbFactory.Create();
            var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserName == userName).Select(m => m.GroupName)
                .ToListAsync(ct);
            return groups.ToHashSet(StringComparer.Ordinal);
        });

    /// <summary>Every group with its members' user names, by name.</summary>
    public async Task<IReadOnlyList<GroupView>> AllAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Name, g.DisplayName, g.Members.OrderBy(m => m.UserName).Select(m => m.UserName).ToList()))
            .ToListAsync(ct);
    }

    /// <summary>Creates the group with this display name if it does not exist (idempotent; an existing one is left as it is).</summary>
    public Task EnsureGroupAsync(string groupName, string displayName, CancellationToken ct = default) =>
        transactions.RunAsync($"group {groupName}", async db =>
        {
            if (await db.Groups.AnyAsync(g => g.Name == groupName, ct)) return;
            db.Groups.Add(new GroupRecord { Name = groupName, DisplayName = displayName });
            await db.SaveChangesAsync(ct);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);

    /// <summary>Creates the group if needed and makes the user a member (idempotent).</summary>
    public Task AddMemberAsync(string groupName, string userName, string? displayName = null, CancellationToken ct = default) =>
        // Two first members of one group race on the group's insert: the loser finds the group on its next attempt.
        transactions.RunAsync($"membership of {userName} in {groupName}", db => AddMemberAsync(db, groupName, userName, displayName, ct), ct,
            TransientErrors.Default | TransientErrors.UniqueKeyRace);

    private static async Task AddMemberAsync(WorkflowDbContext db, string groupName, string userName, string? displayName,
        CancellationToken ct)
    {
        var group = await db.Groups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Name == groupName, ct);
        if (group is null)
        {
            group = new GroupRecord { Name = groupName, DisplayName = displayName ?? groupName };
            db.Groups.Add(group);
        }
        if (group.Members.All(m => m.UserName != userName))
            group.Members.Add(new GroupMember { GroupName = groupName, UserName = userName });
        await db.SaveChangesAsync(ct);
    }
}
