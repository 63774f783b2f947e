using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tasks;

/// <summary>A person one may choose in a person field: the user name stored, the name people read.</summary>
public sealed record PersonChoice(string UserName, string DisplayName);

/// <summary>
/// Person fields (<see cref="FormField.MemberOf"/>): a dispatch names the engineer who will own the work, so the
/// answer must be someone who can do it — an enabled member of the field's group — never a typed name nobody checked.
/// The stored value is the user name as the directory spells it, so that <c>${engineer}</c> as an assignee finds them.
/// </summary>
public static class PersonFields
{
    /// <summary>The enabled members of each person field's group, by field id, ordered by name (what a form offers).</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<PersonChoice>>> ChoicesAsync(WorkflowDbContext db,
        IEnumerable<FormField> fields, CancellationToken ct)
    {
        var byField = fields.Where(f => f.MemberOfGroups.Count > 0).ToDictionary(f => f.Id, f => f.MemberOfGroups, StringComparer.Ordinal);
        if (byField.Count == 0) return new Dictionary<string, IReadOnlyList<PersonChoice>>();
        var groups = byField.Values.SelectMany(g => g).Distinct(StringComparer.Ordinal).ToList();
        var members = await (from m in db.GroupMembers.AsNoTracking()
                             join u in db.Users.AsNoTracking() on m.UserName equals u.UserName
                             where groups.Contains(m.GroupName) && !u.Disabled
                             select new { m.GroupName, u.UserName, u.DisplayName }).ToListAsync(ct);
        // A person in several of a field's groups is offered once.
        return byField.ToDictionary(f => f.Key, f => (IReadOnlyList<PersonChoice>)
            [.. members.Where(m => f.Value.Contains(m.GroupName)).DistinctBy(m => m.UserName)
                .Select(m => new PersonChoice(m.UserName!, m.DisplayName ?? m.UserName!))
                .OrderBy(p => p.DisplayName, StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    /// <summary>
    /// The answers with each person field's user name spelled as the directory does; a name that is not an enabled member
    /// of the field's group is refused naming the field (code <c>not-member</c>), all such fields at once.
    /// </summary>
    public static async Task<ImmutableDictionary<string, JsonElement>> CheckAsync(WorkflowDbContext db, IEnumerable<FormField> fields,
        ImmutableDictionary<string, JsonElement> values, string refusal, CancellationToken ct)
    {
        var asked = fields.Where(f => f.MemberOf is not null && values.TryGetValue(f.Id, out var v) && v.ValueKind == JsonValueKind.String
                                      && !string.IsNullOrWhiteSpace(v.GetString())).ToList();
        if (asked.Count == 0) return values;
        var choices = await ChoicesAsync(db, asked, ct);
        var errors = new List<ValidationError>();
        foreach (var field in asked)
        {
            var answer = values[field.Id].GetString()!.Trim();
            var person = choices[field.Id].FirstOrDefault(p => string.Equals(p.UserName, answer, StringComparison.OrdinalIgnoreCase));
            if (person is null)
            {
                var groups = string.Join(", ", field.MemberOfGroups);
                errors.Add(new ValidationError($"{field.Id}: '{answer}' is not an enabled member of {groups}", field.Id, "not-member",
                    Argument: groups));
                continue;
            }
            values = values.SetItem(field.Id, JsonSerializer.SerializeToElement(person.UserName));
        }
        if (errors.Count > 0) throw new ValidationException(refusal, errors);
        return values;
    }
}
