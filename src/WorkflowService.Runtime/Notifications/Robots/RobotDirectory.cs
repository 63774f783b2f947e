using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Every robot, from settings and from the database; on a shared name (ignoring case) the database's wins,
/// because that is the one an admin edits while the service runs. Read per use: robots are few and an edit
/// takes effect at the next notification, on every node.
/// </summary>
public sealed class RobotDirectory(IOptions<RobotSettings> settings, RobotSecrets? secrets = null)
{
    private readonly RobotSecrets _secrets = secrets ?? new RobotSecrets();

    public IReadOnlyList<Robot> FromSettings { get; } =
        [.. settings.Value.Robots.Where(r => !string.IsNullOrWhiteSpace(r.Name)).Select(Of)];

    public async Task<IReadOnlyList<Robot>> AllAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var stored = (await db.Robots.AsNoTracking().ToListAsync(ct)).Select(FromRecord).ToList();
        var names = stored.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. stored.Concat(FromSettings.Where(r => !names.Contains(r.Name))).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<Robot?> FindAsync(WorkflowDbContext db, string name, CancellationToken ct) =>
        (await AllAsync(db, ct)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether settings name a robot of that name (the page says the database's hides it).</summary>
    public bool InSettings(string name) => FromSettings.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Robot Of(RobotOptions o) =>
        new(o.Name.Trim(), o.Kind, o.Url.Trim(), string.IsNullOrWhiteSpace(o.Secret) ? null : o.Secret.Trim(),
            Robot.List(o.Events), Robot.List(o.Groups), RobotSource.Settings);

    /// <summary>A database robot, its URL and secret decrypted (<see cref="RobotSecrets"/>); an unreadable URL is empty.</summary>
    public Robot FromRecord(RobotRecord r) =>
        new(r.Name, Enum.Parse<RobotKind>(r.Kind), _secrets.Unprotect(r.Url) ?? "", _secrets.Unprotect(r.Secret) is { Length: > 0 } secret ? secret : null,
            Robot.List(r.Events), Robot.List(r.Groups), RobotSource.Database);

    /// <summary>Why a robot's settings cannot work, or null: checked at start-up for settings, on save for the page.</summary>
    public static string? Problem(string name, string url, string? events)
    {
        if (string.IsNullOrWhiteSpace(name)) return "a robot has no Name";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return $"robot '{name}': Url is not an http(s) address";
        var unknown = Robot.List(events).Where(e => !RobotEvents.IsKnown(e.ToLowerInvariant())).ToList();
        return unknown.Count > 0
            ? $"robot '{name}': unknown event(s) {string.Join(", ", unknown)} (use {string.Join(", ", RobotEvents.All)})"
            : null;
    }
}
