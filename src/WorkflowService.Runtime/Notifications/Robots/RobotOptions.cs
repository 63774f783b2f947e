namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>The chat products whose group robots (custom bots, incoming webhooks) the service can post to.</summary>
public enum RobotKind
{
    WeCom,
    DingTalk,
    Feishu,
}

/// <summary>What a robot can be subscribed to (<c>Notifications:Robots:N:Events</c>).</summary>
public static class RobotEvents
{
    public const string Breach = "breach";
    public const string Warning = "warning";
    public const string Escalation = "escalation";
    public const string DailyReport = "daily-report";
    public const string MissedCall = "missed-call";

    public static IReadOnlyList<string> All { get; } = [Breach, Warning, Escalation, DailyReport, MissedCall];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The template folder of an event's message: <c>workflows/templates/robot-&lt;event&gt;</c>.</summary>
    public static string Template(string evt) => $"robot-{evt}";
}

/// <summary>
/// One robot from settings: <c>Notifications:Robots:N:Name|Kind|Url|Secret|Events|Groups</c>. Events and
/// groups are comma-separated (or arrays in JSON). The URL holds the robot's key or token and the secret
/// signs; both are secrets: never shown back in full, never logged.
/// </summary>
public sealed class RobotOptions
{
    public string Name { get; set; } = "";
    public RobotKind Kind { get; set; }
    public string Url { get; set; } = "";
    public string? Secret { get; set; }
    public string? Events { get; set; }
    public string? Groups { get; set; }
}

/// <summary><c>Notifications:Robots</c> and how robot messages are retried.</summary>
public sealed class RobotSettings
{
    public const string RobotsSection = "Notifications:Robots";
    public const string RetryDelaysSection = "Notifications:RobotRetryDelays";

    public List<RobotOptions> Robots { get; set; } = [];

    /// <summary>
    /// Delays after the 1st, 2nd, … failed attempt; the last repeats until the message is sent. Empty: the
    /// defaults, which outlast DingTalk's ten-minute block after too many messages.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(30)];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;
}

/// <summary>Where a robot is kept: settings, or the database (edited on <c>/admin/robots</c>), which wins on a shared name.</summary>
public enum RobotSource
{
    Settings,
    Database,
}

/// <summary>A robot as the sender and the outbox see it, wherever it is kept.</summary>
public sealed record Robot(string Name, RobotKind Kind, string Url, string? Secret, IReadOnlySet<string> Events,
    IReadOnlySet<string> Groups, RobotSource Source)
{
    /// <summary>Subscribed to the event, and (when it names groups) about one of those groups.</summary>
    public bool Wants(string evt, IEnumerable<string> groups) =>
        Events.Contains(evt) && (Groups.Count == 0 || groups.Any(Groups.Contains));

    public static IReadOnlySet<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The URL as a page may show it: scheme and host, then the last four characters.</summary>
    public static string MaskUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host}/…{Last4(url)}"
            : $"…{Last4(url)}";

    /// <summary>A secret as a page may show it: that there is one, and its last four characters.</summary>
    public static string? MaskSecret(string? secret) => string.IsNullOrEmpty(secret) ? null : $"••••{Last4(secret)}";

    private static string Last4(string text) => text.Length <= 8 ? "" : text[^4..];
}
