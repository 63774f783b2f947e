using Microsoft.EntityFrameworkCore;
using MimeKit;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Mail;

/// <param name="RecipientName">Whom to greet: the single To recipient, or the group when To is one group; else null.</param>
/// <param name="Skipped">Names and addresses that gave no recipient, with why.</param>
internal sealed record Recipients(IReadOnlyList<MailboxAddress> To, IReadOnlyList<MailboxAddress> Cc, string? RecipientName,
    IReadOnlyList<string> Skipped);

/// <summary>
/// Turns the names a send task listed into addresses, when the mail leaves (group membership
/// and email addresses are read then, not when the step ran). An entry with '@' is an address;
/// any other entry is a user name and a group name: a name that is both yields both. Entries
/// that give nobody are skipped and reported, never fatal on their own: one stale name must
/// not keep an escalation from the rest.
/// </summary>
internal static class RecipientResolver
{
    public static async Task<Recipients> ResolveAsync(WorkflowDbContext db, MailPayload payload, CancellationToken ct)
    {
        var names = payload.To.Concat(payload.Cc).Where(e => !e.Contains('@')).Distinct(StringComparer.Ordinal).ToList();
        var groups = await db.Groups.AsNoTracking().Include(g => g.Members).Where(g => names.Contains(g.Name)).ToListAsync(ct);
        var userNames = names.Concat(groups.SelectMany(g => g.Members).Select(m => m.UserName)).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userNames.Contains(u.UserName!)).ToListAsync(ct);
        var byName = users.ToDictionary(u => u.UserName!, StringComparer.Ordinal);

        var skipped = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<MailboxAddress> Expand(IEnumerable<string> entries)
        {
            var result = new List<MailboxAddress>();
            foreach (var entry in entries)
            {
                foreach (var address in ResolveEntry(entry, groups, byName, skipped))
                {
                    if (seen.Add(address.Address)) result.Add(address);
                }
            }
            return result;
        }

        // To first, so someone listed in both To and Cc stays in To.
        var to = Expand(payload.To);
        var cc = Expand(payload.Cc);
        return new Recipients(to, cc, GreetingFor(payload, to, groups), skipped);
    }

    private static List<MailboxAddress> ResolveEntry(string entry, List<GroupRecord> groups,
        Dictionary<string, WorkflowUser> users, List<string> skipped)
    {
        if (entry.Contains('@'))
        {
            if (MailboxAddress.TryParse(entry, out var address)) return [address];
            skipped.Add($"'{entry}' is not a valid email address");
            return [];
        }

        var found = new List<MailboxAddress>();
        var known = false;
        if (users.TryGetValue(entry, out var user))
        {
            known = true;
            if (AddressOf(user) is { } a) found.Add(a);
            else skipped.Add($"user '{entry}' has no valid email address");
        }
        if (groups.Find(g => g.Name == entry) is { } group)
        {
            known = true;
            var members = group.Members.Select(m => users.GetValueOrDefault(m.UserName)).OfType<WorkflowUser>()
                .Select(AddressOf).OfType<MailboxAddress>().ToList();
            if (members.Count == 0) skipped.Add($"group '{entry}' has no member with an email address");
            found.AddRange(members);
        }
        if (!known) skipped.Add($"'{entry}' is neither a user nor a group");
        return found;
    }

    private static MailboxAddress? AddressOf(WorkflowUser user) =>
        user.Email is { Length: > 0 } email && MailboxAddress.TryParse(email, out var parsed)
            ? new MailboxAddress(user.DisplayName ?? user.UserName, parsed.Address)
            : null;

    private static string? GreetingFor(MailPayload payload, List<MailboxAddress> to, List<GroupRecord> groups)
    {
        if (payload.To.Count == 1 && groups.Find(g => g.Name == payload.To[0]) is { } group) return group.DisplayName ?? group.Name;
        return to.Count == 1 && to[0].Name is { Length: > 0 } name ? name : null;
    }
}
