namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Something robots may hear of: the event, the groups it is about (a breach's responsible group, the task's
/// candidate groups; a robot limited to groups hears only of these), the link the message carries and the
/// template model. The model is plain dictionaries, lists, strings, numbers and times (Fluid shows nothing of
/// an unregistered object); <c>event</c> and <c>link</c> are added to it.
/// </summary>
public sealed record RobotNotice(string Event, IReadOnlyCollection<string> Groups, string? Link,
    IReadOnlyDictionary<string, object?> Model, Guid? InstanceId = null)
{
    /// <summary>A comma-separated list of groups (a task's candidates, a breach's responsible group).</summary>
    public static IReadOnlyCollection<string> GroupList(params string?[] lists) =>
        [.. lists.SelectMany(l => (l ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
