using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// The department's people: create, edit, disable and enable them, reset and change passwords, and
/// write each change to the audit log. Every change is one transaction (the user row, its roles, its
/// groups, the tasks it releases and the audit entry commit together or not at all), checked first
/// (<see cref="StaffRules"/>) so that a refusal names each field that was wrong. Identity's
/// <see cref="UserManager{TUser}"/> supplies the rules (password validators, hasher, name normalizer);
/// the rows are written here, in the runtime's own transaction.
/// </summary>
public sealed class StaffDirectory(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    UserManager<WorkflowUser> users,
    EffectDispatcher dispatcher,
    TimeProvider clock,
    ILogger<StaffDirectory> logger)
{
    private static readonly string Open = UserTaskStatus.Open.Name;

    // ---- reading ----

    /// <summary>Everyone, by user name; <paramref name="search"/> matches a user name, display name, email, mobile, role or group.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(string? search, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var all = await LoadAsync(db, null, ct);
        if (string.IsNullOrWhiteSpace(search)) return all;
        var q = search.Trim();
        return all.Where(m => Has(m.UserName) || Has(m.DisplayName) || Has(m.Email) || Has(m.Mobile)
                              || m.Roles.Any(Has) || m.Groups.Any(Has)).ToList();

        bool Has(string? field) => field?.Contains(q, StringComparison.OrdinalIgnoreCase) == true;
    }

    public async Task<StaffMember> GetAsync(string userName, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return (await LoadAsync(db, users.NormalizeName(userName), ct)).SingleOrDefault() ?? throw NoSuchUser(userName);
    }

    /// <summary>Open tasks that name this person alone (assigned to them, or offered to no one else): a manager hands them on.</summary>
    public async Task<IReadOnlyList<TaskView>> AssignmentsToHandOnAsync(string userName, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await NamingOnly(db, userName).AsNoTracking().OrderBy(t => t.DueAt).Select(TaskView.FromRow).ToListAsync(ct);
    }

    /// <summary>
    /// Open work that only disabled people may do: assigned to one of them, or offered to them alone. It waits for a
    /// manager to hand it on (<see cref="TaskService.AssignAsync"/>); soonest due first.
    /// </summary>
    public async Task<IReadOnlyList<TaskView>> WorkLeftBehindAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var gone = await db.Users.Where(u => u.Disabled).Select(u => u.UserName!).ToListAsync(ct);
        if (gone.Count == 0) return [];
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == Open
                        && (gone.Contains(t.Assignee!)
                            || (t.Assignee == null && t.Candidates.Any()
                                && t.Candidates.All(c => c.Kind == TaskCandidate.User && gone.Contains(c.Name)))))
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Take(500).Select(TaskView.FromRow).ToListAsync(ct);
    }

    /// <summary>The enabled people, by user name: whom work can be handed on to.</summary>
    public async Task<IReadOnlyList<(string UserName, string? DisplayName)>> EnabledPeopleAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var people = await db.Users.AsNoTracking().Where(u => !u.Disabled).OrderBy(u => u.UserName)
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return people.Select(p => (p.UserName!, p.DisplayName)).ToList();
    }

    // ---- admins' changes ----

    /// <summary>
    /// Adds a person. 409 when the user name is taken; 400 naming each field and password rule that failed.
    /// A password an admin chose must be changed by its owner at the first sign-in (<paramref name="mustChangePassword"/>).
    /// </summary>
    public async Task<StaffMember> CreateAsync(string actor, StaffProfile profile, string? password, bool mustChangePassword = true,
        CancellationToken ct = default)
    {
        var errors = StaffRules.Check(profile, creating: true, users.Options.User);
        errors.AddRange(await StaffRules.CheckPasswordAsync(users, profile.UserName, password));
        ThrowIfAny(errors, $"{profile.UserName} was not added");
        var userName = profile.UserName!.Trim();
        await transactions.RunAsync($"new user {userName}", async db =>
        {
            await CreateInAsync(db, actor, userName, profile, password!, mustChangePassword, ct);
            await db.SaveChangesAsync(ct);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        logger.StaffChanged(actor, AuditActions.UserCreated, userName);
        return await GetAsync(userName, ct);
    }

    /// <summary>Changes a person's display name, contact, roles and groups; the user name stays.</summary>
    public async Task<StaffMember> UpdateAsync(string actor, string userName, StaffProfile profile, CancellationToken ct = default)
    {
        var errors = StaffRules.Check(profile, creating: false, users.Options.User);
        if (profile.UserName is { } renamed && !string.Equals(users.NormalizeName(renamed), users.NormalizeName(userName), StringComparison.Ordinal))
            errors.Add(new($"userName cannot change ('{userName}' in the address, '{renamed}' in the body): tasks and history name people by it",
                "userName", "immutable"));
        ThrowIfAny(errors, $"{userName} was not changed");
        var name = await transactions.RunAsync($"user {userName}", async db =>
        {
            var user = await FindAsync(db, userName, ct);
            await UpdateInAsync(db, actor, user, profile, ct);
            await db.SaveChangesAsync(ct);
            return user.UserName!;
        }, ct);
        logger.StaffChanged(actor, AuditActions.UserUpdated, name);
        return await GetAsync(name, ct);
    }

    /// <summary>
    /// Disables a person: they cannot sign in, their sessions and tokens stop at once (new security stamp), the
    /// tasks they claimed from a group go back to it, and the tasks that name only them are listed to hand on.
    /// The last enabled admin cannot be disabled.
    /// </summary>
    public async Task<DisableOutcome> DisableAsync(string actor, string userName, CancellationToken ct = default)
    {
        var (name, released, toHandOn) = await transactions.RunAsync($"disabling {userName}", async db =>
        {
            var user = await FindAsync(db, userName, ct);
            var name = user.UserName!;
            if (user.Disabled) return (name, new List<TaskRecord>(), await NamingOnly(db, name).ToListAsync(ct));
            if (await IsAdminAsync(db, user.Id, ct)) await EnsureAnotherEnabledAdminAsync(db, user, "disabling them", ct);
            user.Disabled = true;
            Restamp(user);

            var claimed = await db.Tasks.Include(t => t.Candidates).Where(t => t.Assignee == name && t.Status == Open).ToListAsync(ct);
            var released = claimed.Where(t => t.Candidates.Any(c => c.Kind == TaskCandidate.Group || c.Name != name)).ToList();
            foreach (var task in released)
            {
                task.Assignee = null;
                task.Revision++;
            }
            await db.SaveChangesAsync(ct);
            var toHandOn = await NamingOnly(db, name).ToListAsync(ct);
            Audit(db, actor, AuditActions.UserDisabled, name,
                $"{released.Count} claimed task(s) back to their groups; {toHandOn.Count} task(s) name only them");
            await db.SaveChangesAsync(ct);
            return (name, released, toHandOn);
        }, ct);
        logger.StaffChanged(actor, AuditActions.UserDisabled, name);
        if (released.Count > 0)
        {
            var effects = new StepEffects();
            effects.Notifications.AddRange(released.Select(t => CommandApplier.Notification(WorkflowNotification.TaskChanged, t)));
            await dispatcher.DispatchAsync(effects, ct);
        }
        return new DisableOutcome(await GetAsync(name, ct), released.Select(TaskView.From).ToList(), toHandOn.Select(TaskView.From).ToList());
    }

    /// <summary>Lets a disabled person sign in again (and lifts a lockout).</summary>
    public Task<StaffMember> EnableAsync(string actor, string userName, CancellationToken ct = default) =>
        ChangeUserAsync(actor, userName, AuditActions.UserEnabled, (_, user) =>
        {
            if (!user.Disabled && user.LockoutEnd is null) return Task.FromResult<string?>(null);
            user.Disabled = false;
            Unlock(user);
            Restamp(user);
            return Task.FromResult<string?>("may sign in again");
        }, ct);

    /// <summary>
    /// Sets a password chosen by an admin, which the person must change at the next sign-in; every session and
    /// token of theirs stops (new security stamp), and a lockout is lifted.
    /// </summary>
    public async Task<StaffMember> ResetPasswordAsync(string actor, string userName, string? password, CancellationToken ct = default)
    {
        ThrowIfAny(await StaffRules.CheckPasswordAsync(users, userName, password), $"The password of {userName} was not reset");
        return await ChangeUserAsync(actor, userName, AuditActions.PasswordReset, (_, user) =>
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
            user.MustChangePassword = true;
            Unlock(user);
            Restamp(user);
            return Task.FromResult<string?>("must change it at the next sign-in");
        }, ct);
    }

    // ---- each person's own account ----

    /// <summary>
    /// Changes one's own password, given the current one. A wrong current password counts as a failed sign-in
    /// (towards the lockout) and is refused naming <c>currentPassword</c>. Every other session and token stops.
    /// </summary>
    public async Task ChangeOwnPasswordAsync(string userName, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        var errors = await StaffRules.CheckPasswordAsync(users, userName, newPassword, "newPassword");
        if (string.IsNullOrEmpty(currentPassword)) errors.Insert(0, new("currentPassword is required", "currentPassword", "required"));
        else if (currentPassword == newPassword)
            errors.Add(new("newPassword must differ from the current one", "newPassword", "unchanged"));
        ThrowIfAny(errors, "The password was not changed");

        var wrong = await transactions.RunAsync($"password of {userName}", async db =>
        {
            var user = await FindAsync(db, userName, ct);
            if (user.PasswordHash is null
                || users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword!) == PasswordVerificationResult.Failed)
            {
                CountFailedSignIn(user);
                await db.SaveChangesAsync(ct);
                return true;
            }
            user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
            user.MustChangePassword = false;
            user.AccessFailedCount = 0;
            Restamp(user);
            Audit(db, user.UserName!, AuditActions.PasswordChanged, user.UserName!, null);
            await db.SaveChangesAsync(ct);
            return false;
        }, ct);
        if (wrong)
            throw new ValidationException("The password was not changed: the current password is wrong",
                [new("currentPassword is wrong", "currentPassword", "PasswordMismatch")]);
        logger.StaffChanged(userName, AuditActions.PasswordChanged, userName);
    }

    /// <summary>One's own email and page language (null: the browser's).</summary>
    public Task<StaffMember> UpdateOwnAccountAsync(string userName, string? email, string? language, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (StaffRules.CheckEmail(email) is { } badEmail) errors.Add(badEmail);
        if (StaffRules.CheckLanguage(StaffRules.Trimmed(language)) is { } badLanguage) errors.Add(badLanguage);
        ThrowIfAny(errors, "The account was not changed");
        return ChangeUserAsync(userName, userName, AuditActions.AccountUpdated, (_, user) =>
        {
            var newEmail = StaffRules.Trimmed(email);
            var newLanguage = StaffRules.Trimmed(language);
            if (user.Email == newEmail && user.Language == newLanguage) return Task.FromResult<string?>(null);
            var details = Changes(("email", user.Email, newEmail), ("language", user.Language, newLanguage));
            SetEmail(user, newEmail);
            user.Language = newLanguage;
            return Task.FromResult<string?>(details);
        }, ct);
    }

    // ---- the audit log ----

    /// <summary>The audit log, newest first; <paramref name="target"/> narrows it to one person or <c>group:name</c>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string? target, int skip, int take, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var query = db.Audit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(target)) query = query.Where(a => a.Target == target.Trim());
        return await query.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(a => new AuditEntry(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details)).ToListAsync(ct);
    }

    // ---- inside a transaction (also used by the import and the groups) ----

    internal async Task CreateInAsync(WorkflowDbContext db, string actor, string userName, StaffProfile profile, string password,
        bool mustChangePassword, CancellationToken ct)
    {
        var normalized = users.NormalizeName(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
            throw new ConflictException($"A user named '{userName}' already exists") { Code = "user-exists", Argument = userName };
        var groups = await ExistingGroupsAsync(db, profile.Groups, ct);
        var user = new WorkflowUser
        {
            UserName = userName,
            NormalizedUserName = normalized,
            LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
            MustChangePassword = mustChangePassword,
        };
        SetContact(user, profile);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        Restamp(user);
        db.Users.Add(user);
        var roles = StaffRules.Clean(profile.Roles);
        await SetRolesAsync(db, user.Id, roles, ct);
        await SetGroupsAsync(db, userName, groups, ct);
        Audit(db, actor, AuditActions.UserCreated, userName,
            $"{user.DisplayName}; roles: {string.Join(", ", roles)}; groups: {string.Join(", ", groups)}");
    }

    internal async Task UpdateInAsync(WorkflowDbContext db, string actor, WorkflowUser user, StaffProfile profile, CancellationToken ct)
    {
        var name = user.UserName!;
        var groups = await ExistingGroupsAsync(db, profile.Groups, ct);
        var roles = StaffRules.Clean(profile.Roles);
        var oldRoles = await RolesOfAsync(db, user.Id, ct);
        if (oldRoles.Contains(StaffRoles.Admin) && !roles.Contains(StaffRoles.Admin) && !user.Disabled)
            await EnsureAnotherEnabledAdminAsync(db, user, "taking the admin role from them", ct);
        var oldGroups = await db.GroupMembers.Where(m => m.UserName == name).Select(m => m.GroupName).OrderBy(g => g).ToListAsync(ct);
        var details = Changes(
            ("displayName", user.DisplayName, StaffRules.Trimmed(profile.DisplayName)),
            ("email", user.Email, StaffRules.Trimmed(profile.Email)),
            ("mobile", user.PhoneNumber, StaffRules.Trimmed(profile.Mobile)),
            ("roles", string.Join(", ", oldRoles.Order(StringComparer.Ordinal)), string.Join(", ", roles.Order(StringComparer.Ordinal))),
            ("groups", string.Join(", ", oldGroups), string.Join(", ", groups.Order(StringComparer.Ordinal))));
        SetContact(user, profile);
        await SetRolesAsync(db, user.Id, roles, ct);
        await SetGroupsAsync(db, name, groups, ct);
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        // A role is a claim of the session: taking one away must not wait for the next sign-in.
        if (oldRoles.Except(roles).Any()) Restamp(user);
        if (details is not null) Audit(db, actor, AuditActions.UserUpdated, name, details);
    }

    internal async Task<WorkflowUser> FindAsync(WorkflowDbContext db, string userName, CancellationToken ct)
    {
        var normalized = users.NormalizeName(userName);
        return await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct) ?? throw NoSuchUser(userName);
    }

    internal void Audit(WorkflowDbContext db, string actor, string action, string target, string? details) =>
        db.Audit.Add(new AuditRecord { At = clock.GetUtcNow(), Actor = actor, Action = action, Target = target, Details = details });

    // ---- helpers ----

    private async Task<StaffMember> ChangeUserAsync(string actor, string userName, string action,
        Func<WorkflowDbContext, WorkflowUser, Task<string?>> change, CancellationToken ct)
    {
        var (name, changed) = await transactions.RunAsync($"{action} {userName}", async db =>
        {
            var user = await FindAsync(db, userName, ct);
            var details = await change(db, user);
            if (details is null) return (user.UserName!, false);
            Audit(db, actor, action, user.UserName!, details);
            await db.SaveChangesAsync(ct);
            return (user.UserName!, true);
        }, ct);
        if (changed) logger.StaffChanged(actor, action, name);
        return await GetAsync(name, ct);
    }

    private async Task<List<StaffMember>> LoadAsync(WorkflowDbContext db, string? normalizedName, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (normalizedName is not null) query = query.Where(u => u.NormalizedUserName == normalizedName);
        var people = await query.OrderBy(u => u.UserName).ToListAsync(ct);
        var ids = people.Select(u => u.Id).ToList();
        var names = people.Select(u => u.UserName!).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where normalizedName == null || ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        var groups = (await db.GroupMembers.AsNoTracking().Where(m => normalizedName == null || names.Contains(m.UserName))
                .ToListAsync(ct))
            .ToLookup(m => m.UserName, m => m.GroupName);
        var now = clock.GetUtcNow();
        return people.Select(u => new StaffMember(u.UserName!, u.DisplayName, u.Email, u.PhoneNumber,
            roles[u.Id].OrderBy(r => IndexOf(StaffRoles.All, r)).ToList(), groups[u.UserName!].Order(StringComparer.Ordinal).ToList(),
            u.Disabled, u.MustChangePassword, u.Language, u.LockoutEnd > now)).ToList();
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == item) return i;
        return list.Count;
    }

    /// <summary>Open tasks that only this person may work: assigned to them with no other candidate, or offered to them alone.</summary>
    private static IQueryable<TaskRecord> NamingOnly(WorkflowDbContext db, string userName) =>
        db.Tasks.Where(t => t.Status == Open
                            && (t.Assignee == userName || (t.Assignee == null && t.Candidates.Any(c => c.Kind == TaskCandidate.User && c.Name == userName)))
                            && !t.Candidates.Any(c => c.Kind == TaskCandidate.Group || c.Name != userName));

    private static async Task<List<string>> RolesOfAsync(WorkflowDbContext db, string userId, CancellationToken ct) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

    private static async Task<bool> IsAdminAsync(WorkflowDbContext db, string userId, CancellationToken ct) =>
        (await RolesOfAsync(db, userId, ct)).Contains(StaffRoles.Admin);

    /// <summary>Refuses a change that would leave no enabled admin: someone must still be able to manage the staff.</summary>
    internal static async Task EnsureAnotherEnabledAdminAsync(WorkflowDbContext db, WorkflowUser user, string what, CancellationToken ct)
    {
        var others = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.Name == StaffRoles.Admin && !u.Disabled && u.Id != user.Id
                            select u.Id).AnyAsync(ct);
        if (!others)
            throw new ConflictException($"{user.UserName} is the last enabled admin: {what} would leave no one to manage the staff. " +
                                        "Make someone else an admin first.") { Code = "last-admin", Argument = user.UserName };
    }

    private static async Task SetRolesAsync(WorkflowDbContext db, string userId, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var known = await db.Roles.Where(r => roles.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var missing in roles.Where(r => !known.ContainsKey(r)))
        {
            var role = new IdentityRole(missing) { NormalizedName = missing.ToUpperInvariant() };
            db.Roles.Add(role);
            known[missing] = role.Id;
        }
        var current = await db.UserRoles.Where(ur => ur.UserId == userId).ToListAsync(ct);
        db.UserRoles.RemoveRange(current.Where(ur => !known.ContainsValue(ur.RoleId)));
        foreach (var roleId in known.Values.Where(id => current.All(ur => ur.RoleId != id)))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
    }

    private static async Task SetGroupsAsync(WorkflowDbContext db, string userName, IReadOnlyList<string> groups, CancellationToken ct)
    {
        var current = await db.GroupMembers.Where(m => m.UserName == userName).ToListAsync(ct);
        db.GroupMembers.RemoveRange(current.Where(m => !groups.Contains(m.GroupName)));
        foreach (var group in groups.Where(g => current.All(m => m.GroupName != g)))
            db.GroupMembers.Add(new GroupMember { GroupName = group, UserName = userName });
    }

    /// <summary>The groups named, as they are spelled in the directory; an unknown one is refused, naming it.</summary>
    internal static async Task<List<string>> ExistingGroupsAsync(WorkflowDbContext db, IReadOnlyList<string>? names, CancellationToken ct)
    {
        var wanted = StaffRules.Clean(names);
        if (wanted.Count == 0) return [];
        var existing = await db.Groups.Where(g => wanted.Contains(g.Name)).Select(g => g.Name).ToListAsync(ct);
        var unknown = wanted.Except(existing, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new ValidationException($"No group named {string.Join(", ", unknown.Select(u => $"'{u}'"))}",
                unknown.Select(u => new ValidationError($"groups: there is no group '{u}' (an admin adds groups on the groups page)",
                    "groups", "unknown-group", Argument: u)).ToList());
        return wanted;
    }

    private void SetContact(WorkflowUser user, StaffProfile profile)
    {
        user.DisplayName = StaffRules.Trimmed(profile.DisplayName);
        SetEmail(user, StaffRules.Trimmed(profile.Email));
        user.PhoneNumber = StaffRules.Trimmed(profile.Mobile);
    }

    private void SetEmail(WorkflowUser user, string? email)
    {
        user.Email = email;
        user.NormalizedEmail = email is null ? null : users.NormalizeEmail(email);
        user.EmailConfirmed = email is not null;
    }

    private void CountFailedSignIn(WorkflowUser user)
    {
        if (!user.LockoutEnabled) return;
        user.AccessFailedCount++;
        if (user.AccessFailedCount < users.Options.Lockout.MaxFailedAccessAttempts) return;
        user.LockoutEnd = clock.GetUtcNow() + users.Options.Lockout.DefaultLockoutTimeSpan;
        user.AccessFailedCount = 0;
    }

    private static void Unlock(WorkflowUser user)
    {
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
    }

    /// <summary>A new security stamp: every page session and bearer token issued before it stops working.</summary>
    private static void Restamp(WorkflowUser user)
    {
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private static string? Changes(params (string Field, string? Before, string? After)[] fields)
    {
        var changed = fields.Where(f => (f.Before ?? "") != (f.After ?? "")).Select(f => $"{f.Field}: '{f.Before}' → '{f.After}'").ToList();
        return changed.Count == 0 ? null : string.Join("; ", changed);
    }

    private static void ThrowIfAny(List<ValidationError> errors, string what)
    {
        if (errors.Count > 0) throw new ValidationException($"{what}: {string.Join("; ", errors.Select(e => e.Message))}", errors);
    }

    private static NotFoundException NoSuchUser(string userName) => new($"No user named '{userName}'");
}
