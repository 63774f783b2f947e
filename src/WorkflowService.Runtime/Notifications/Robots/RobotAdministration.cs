using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>A robot as the admin page lists it: never its URL or secret in full.</summary>
/// <param name="Id">The database row's id; null for a robot from settings.</param>
/// <param name="HidesSettings">A database robot with a name settings use too: the database's is the one used.</param>
/// <param name="HiddenBy">A settings robot hidden by a database robot of the same name (listed, not used).</param>
public sealed record RobotView(int? Id, string Name, RobotKind Kind, string MaskedUrl, string? MaskedSecret,
    IReadOnlyList<string> Events, IReadOnlyList<string> Groups, RobotSource Source, bool HidesSettings, bool HiddenBy);

/// <summary>What the page's form posts; a blank secret on an edit keeps the stored one.</summary>
public sealed record RobotForm(string? Name, string? Kind, string? Url, string? Secret, IReadOnlyList<string> Events, string? Groups,
    bool ClearSecret = false);

/// <summary>
/// The robots admins keep in the database (<c>/admin/robots</c>): list (with the settings' ones, each saying where it
/// comes from and which is used), add, edit, delete and a test message. Changes are audited without the URL or secret.
/// </summary>
public sealed class RobotAdministration(WorkflowDbFactory dbFactory, TransactionRunner transactions, RobotDirectory directory,
    RobotPoster poster, RobotSecrets secrets, TimeProvider clock)
{
    public async Task<IReadOnlyList<RobotView>> ListAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var stored = await db.Robots.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var storedNames = stored.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var views = stored.Select(r => View(r.Id, directory.FromRecord(r), directory.InSettings(r.Name), false))
            .Concat(directory.FromSettings.Select(r => View(null, r, false, storedNames.Contains(r.Name))));
        return [.. views.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Source)];
    }

    public async Task<RobotView> GetAsync(int id, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var row = await db.Robots.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
                  ?? throw new NotFoundException($"There is no robot {id}");
        return View(row.Id, directory.FromRecord(row), directory.InSettings(row.Name), false);
    }

    /// <summary>Adds (<paramref name="id"/> null) or changes a robot; a blank URL or secret on an edit keeps the stored one.</summary>
    /// <exception cref="ValidationException">A field is missing or wrong; nothing was saved.</exception>
    public async Task<int> SaveAsync(string actor, int? id, RobotForm form, CancellationToken ct) =>
        await transactions.RunAsync($"robot {form.Name}", async db =>
        {
            var row = id is null ? null : await db.Robots.SingleOrDefaultAsync(r => r.Id == id, ct)
                                          ?? throw new NotFoundException($"There is no robot {id}");
            var name = form.Name?.Trim() ?? "";
            var url = string.IsNullOrWhiteSpace(form.Url) ? (row is null ? "" : directory.FromRecord(row).Url) : form.Url.Trim();
            var errors = new List<ValidationError>();
            if (name.Length is 0 or > 100) errors.Add(new("Give the robot a name (at most 100 characters)", "name", "required"));
            // Robots are few: compared here, ignoring case, as the directory matches names.
            else if ((await db.Robots.Where(r => r.Id != (id ?? 0)).Select(r => r.Name).ToListAsync(ct))
                     .Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new($"A robot named '{name}' already exists", "name", "duplicate", Argument: name));
            if (!Enum.TryParse<RobotKind>(form.Kind, out var kind) || !Enum.IsDefined(kind))
                errors.Add(new("Choose the kind: WeCom, DingTalk or Feishu", "kind", "kind"));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                errors.Add(new("The webhook URL must be an http(s) address", "url", "url"));
            else if (url.Length > 500) errors.Add(new("The webhook URL is longer than 500 characters", "url", "url"));
            if (form.Secret?.Trim().Length > 200) errors.Add(new("The secret is longer than 200 characters", "secret", "secret"));
            var unknown = form.Events.Where(e => !RobotEvents.IsKnown(e)).ToList();
            if (unknown.Count > 0) errors.Add(new($"Unknown event(s): {string.Join(", ", unknown)}", "events", "event", Argument: string.Join(", ", unknown)));
            if (errors.Count > 0)
                throw new ValidationException($"The robot was not saved: {string.Join("; ", errors.Select(e => e.Message))}", errors);

            var added = row is null;
            row ??= db.Robots.Add(new RobotRecord { Name = name, Kind = kind.ToString(), Url = "" }).Entity;
            row.Name = name;
            row.Kind = kind.ToString();
            // Encrypted at rest (RobotSecrets); a blank field keeps what is stored, as it is.
            if (!string.IsNullOrWhiteSpace(form.Url)) row.Url = secrets.Protect(url);
            if (form.ClearSecret) row.Secret = null;
            else if (!string.IsNullOrWhiteSpace(form.Secret)) row.Secret = secrets.Protect(form.Secret.Trim());
            row.Events = string.Join(",", RobotEvents.All.Where(form.Events.Contains));
            row.Groups = string.Join(",", Robot.List(form.Groups));
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = actor;
            Audit(db, actor, added ? "robot.added" : "robot.changed", name,
                $"kind: {row.Kind}; events: {row.Events}; groups: {row.Groups}; signed: {!string.IsNullOrEmpty(row.Secret)}");
            await db.SaveChangesAsync(ct);
            return row.Id;
        }, ct);

    public async Task DeleteAsync(string actor, int id, CancellationToken ct) =>
        await transactions.RunAsync($"robot {id}", async db =>
        {
            var row = await db.Robots.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"There is no robot {id}");
            db.Robots.Remove(row);
            Audit(db, actor, "robot.deleted", row.Name, null);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>Posts a test message to the robot now, past the outbox: the admin sees at once whether it works.</summary>
    public async Task<RobotReply> TestAsync(string name, RobotMessage message, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var robot = await directory.FindAsync(db, name, ct) ?? throw new NotFoundException($"There is no robot named '{name}'");
        return await poster.PostAsync(robot, message, ct);
    }

    private void Audit(WorkflowDbContext db, string actor, string action, string name, string? details) =>
        db.Audit.Add(new AuditRecord { At = clock.GetUtcNow(), Actor = actor, Action = action, Target = $"robot:{name}", Details = details });

    private static RobotView View(int? id, Robot r, bool hidesSettings, bool hiddenBy) =>
        new(id, r.Name, r.Kind, Robot.MaskUrl(r.Url), Robot.MaskSecret(r.Secret), [.. RobotEvents.All.Where(r.Events.Contains)],
            [.. r.Groups.Order(StringComparer.OrdinalIgnoreCase)], r.Source, hidesSettings, hiddenBy);
}
