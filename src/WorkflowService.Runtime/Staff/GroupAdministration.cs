using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// The groups as admins run them: the departments and teams the processes name as candidate groups, their
/// members and the open tasks each is offered. A member sees the group's tasks from their next request on.
/// </summary>
public sealed class GroupAdministration(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    GroupDirectory groups,
    StaffDirectory staff,
    ILogger<GroupAdministration> logger)
{
    /// <summary>The most open tasks a group page lists (soonest due first).</summary>
    public const int OpenTaskLimit = 200;

    public Task<IReadOnlyList<GroupView>> ListAsync(CancellationToken ct = default) => groups.AllAsync(ct);

    public async Task<GroupDetails> GetAsync(string name, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Name == name, ct)
                    ?? throw new NotFoundException($"No group named '{name}'");
        var members = await (from m in db.GroupMembers
                             join u in db.Users on m.UserName equals u.UserName into people
                             from u in people.DefaultIfEmpty()
                             where m.GroupName == name
                             orderby m.UserName
                             select new GroupMemberView(m.UserName, u == null ? null : u.DisplayName, u != null && u.Disabled))
            .ToListAsync(ct);
        var open = UserTaskStatus.Open.Name;
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == open && t.Candidates.Any(c => c.Kind == TaskCandidate.Group && c.Name == name))
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Take(OpenTaskLimit).Select(TaskView.FromRow).ToListAsync(ct);
        return new GroupDetails(group.Name, group.DisplayName, members, tasks);
    }

    /// <summary>
    /// Makes exactly these people the group's members, creating the group if it is new (with
    /// <paramref name="displayName"/>, or its name). Every user name must be a person; each unknown one is named.
    /// </summary>
    public async Task<GroupDetails> SetMembersAsync(string actor, string name, IReadOnlyList<string>? userNames, string? displayName,
        CancellationToken ct = default)
    {
        var wanted = StaffRules.Clean(userNames);
        var changed = await transactions.RunAsync($"members of {name}", async db =>
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Name == name, ct);
            var created = group is null;
            if (group is null)
            {
                if (StaffRules.CheckGroupName(name) is { } bad) throw new ValidationException(bad.Message, [bad]);
                group = new GroupRecord { Name = name, DisplayName = StaffRules.Trimmed(displayName) ?? name };
                db.Groups.Add(group);
            }
            else if (StaffRules.Trimmed(displayName) is { } newDisplay && newDisplay != group.DisplayName)
            {
                group.DisplayName = newDisplay;
                created = true; // worth an audit entry even if the members stay
            }

            var people = new List<string>();
            var errors = new List<ValidationError>();
            for (var i = 0; i < wanted.Count; i++)
            {
                try
                {
                    people.Add((await staff.FindAsync(db, wanted[i], ct)).UserName!);
                }
                catch (NotFoundException)
                {
                    errors.Add(new($"userNames[{i}]: there is no user named '{wanted[i]}'", $"userNames[{i}]", "unknown-user", Argument: wanted[i]));
                }
            }
            if (errors.Count > 0)
                throw new ValidationException($"The members of {name} were not changed: {string.Join("; ", errors.Select(e => e.Message))}", errors);

            var current = await db.GroupMembers.Where(m => m.GroupName == name).ToListAsync(ct);
            var removed = current.Where(m => !people.Contains(m.UserName, StringComparer.Ordinal)).ToList();
            var added = people.Where(p => current.All(m => m.UserName != p)).ToList();
            db.GroupMembers.RemoveRange(removed);
            db.GroupMembers.AddRange(added.Select(p => new GroupMember { GroupName = name, UserName = p }));
            if (!created && removed.Count == 0 && added.Count == 0) return false;
            staff.Audit(db, actor, AuditActions.GroupMembersSet, $"group:{name}",
                $"added: {string.Join(", ", added)}; removed: {string.Join(", ", removed.Select(m => m.UserName))}; " +
                $"members: {string.Join(", ", people.Order(StringComparer.Ordinal))}");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        if (changed) logger.StaffChanged(actor, AuditActions.GroupMembersSet, name);
        return await GetAsync(name, ct);
    }
}
