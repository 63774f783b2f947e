using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// Adds and updates people from the rows of a staff file (<see cref="StaffSheet"/>). Every row is checked
/// first, against the same rules as one person added in a page, and against the other rows; one bad row
/// and nothing is written, and a dry run writes nothing either: the answer lists each row's problems. A
/// row of a new person needs a first password (to be changed at the first sign-in); a row of someone who
/// exists states them whole (display name, contact, roles, groups) and leaves their password alone.
/// </summary>
public sealed class StaffImporter(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    StaffDirectory staff,
    UserManager<WorkflowUser> users,
    ILogger<StaffImporter> logger)
{
    /// <summary>The most rows one file may hold.</summary>
    public const int MaxRows = 2000;

    /// <summary>Reads a staff file (<see cref="StaffSheet"/>) and imports its rows; an unreadable file is reported like a bad row.</summary>
    public async Task<StaffImportResult> ImportFileAsync(string actor, Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        var (rows, unreadable) = StaffSheet.Read(file, fileName);
        return unreadable.Count > 0 ? new StaffImportResult(0, 0, unreadable, false) : await ImportAsync(actor, rows, dryRun, ct);
    }

    public async Task<StaffImportResult> ImportAsync(string actor, IReadOnlyList<StaffImportRow> rows, bool dryRun,
        CancellationToken ct = default)
    {
        var errors = new List<StaffImportError>();
        if (rows.Count == 0) errors.Add(new(1, "The file holds no people: put one person per row below the header row", Code: "no-people"));
        if (rows.Count > MaxRows)
            errors.Add(new(MaxRows + 2, $"The file holds {rows.Count} people; import at most {MaxRows} at a time", Code: "too-many-people",
                Argument: $"{MaxRows}"));
        if (errors.Count > 0) return new StaffImportResult(0, 0, errors, false);

        var plan = await PlanAsync(rows, errors, ct);
        var created = plan.Count(p => p.Existing is null);
        var updated = plan.Count - created;
        if (errors.Count > 0 || dryRun) return new StaffImportResult(created, updated, errors.OrderBy(e => e.Row).ToList(), false);

        await transactions.RunAsync($"staff import of {rows.Count} rows", async db =>
        {
            foreach (var (row, userName, existing) in plan)
            {
                try
                {
                    if (existing is null)
                        await staff.CreateInAsync(db, actor, userName, row.Profile, row.Password!, mustChangePassword: true, ct);
                    else
                        await staff.UpdateInAsync(db, actor, await staff.FindAsync(db, existing, ct), row.Profile, ct);
                }
                catch (WorkflowRequestException refused)
                {
                    // Someone changed the staff between the check and the write: nothing of the file is kept.
                    throw new ConflictException($"Row {row.Row} ({userName}): {refused.Message}. Nothing was imported; check the file again.");
                }
            }
            staff.Audit(db, actor, AuditActions.StaffImported, "staff", $"{created} created, {updated} updated");
            await db.SaveChangesAsync(ct);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        logger.StaffImported(actor, created, updated);
        return new StaffImportResult(created, updated, [], true);
    }

    /// <summary>Each valid row with the user name it creates or the existing person it updates; problems go to <paramref name="errors"/>.</summary>
    private async Task<List<(StaffImportRow Row, string UserName, string? Existing)>> PlanAsync(IReadOnlyList<StaffImportRow> rows,
        List<StaffImportError> errors, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var people = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.NormalizedUserName, u.Disabled }).ToListAsync(ct);
        var byName = people.ToDictionary(p => p.NormalizedUserName!, StringComparer.Ordinal);
        var groupNames = (await db.Groups.Select(g => g.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var admins = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == StaffRoles.Admin select ur.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var plan = new List<(StaffImportRow, string, string?)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var adminsLeft = people.Count(p => admins.Contains(p.Id) && !p.Disabled);
        var adminRemovals = new List<int>();
        foreach (var row in rows)
        {
            var rowErrors = new List<ValidationError>();
            var userName = row.Profile.UserName?.Trim();
            var existing = userName is null ? null : byName.GetValueOrDefault(users.NormalizeName(userName));
            var problems = StaffRules.Check(row.Profile, creating: existing is null, users.Options.User);
            if (existing is null && problems.All(p => p.Field != "userName"))
                problems.AddRange(await StaffRules.CheckPasswordAsync(users, userName, row.Password));
            rowErrors.AddRange(problems);
            rowErrors.AddRange(StaffRules.Clean(row.Profile.Groups).Where(g => !groupNames.Contains(g))
                .Select(g => new ValidationError($"groups: there is no group '{g}' (add it on the groups page first)", "groups", "unknown-group",
                    Argument: g)));
            if (userName is not null)
            {
                var key = users.NormalizeName(userName);
                if (seen.TryGetValue(key, out var first))
                    rowErrors.Add(new($"userName '{userName}' is already on row {first}", "userName", "repeated", Argument: $"{first}"));
                else seen[key] = row.Row;
            }
            if (existing is not null && admins.Contains(existing.Id) && !existing.Disabled
                && !StaffRules.Clean(row.Profile.Roles).Contains(StaffRoles.Admin))
            {
                adminsLeft--;
                adminRemovals.Add(row.Row);
            }
            if (existing is null && StaffRules.Clean(row.Profile.Roles).Contains(StaffRoles.Admin)) adminsLeft++;

            if (rowErrors.Count > 0) errors.AddRange(rowErrors.Select(e => new StaffImportError(row.Row, e)));
            else plan.Add((row, existing?.UserName ?? userName!, existing?.UserName));
        }
        if (adminsLeft <= 0)
            errors.AddRange(adminRemovals.Select(r => new StaffImportError(r,
                "roles: this row takes the admin role from the last enabled admin; keep someone an admin", "roles", "last-admin")));
        return plan;
    }
}
