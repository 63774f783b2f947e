namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Spaces one node's messages to each robot below the products' limits — WeCom and DingTalk 20 a minute (DingTalk
/// blocks a robot for ten minutes beyond that), Feishu 100 a minute — so that a burst (a sweep after a restart, many
/// breaches at once) is not met by throttle codes. A message that comes too soon is scheduled for the robot's next
/// free moment instead of waiting in a worker. Per node: several nodes share the limit, and the throttle codes are
/// still retried.
/// </summary>
public sealed class RobotPacer
{
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.OrdinalIgnoreCase);

    public static TimeSpan Spacing(RobotKind kind) => kind == RobotKind.Feishu ? TimeSpan.FromMilliseconds(600) : TimeSpan.FromSeconds(3);

    /// <summary>Null: post now (the robot's slot is taken); else when to come back.</summary>
    public DateTimeOffset? Reserve(Robot robot, DateTimeOffset now)
    {
        lock (_next)
        {
            if (_next.TryGetValue(robot.Name, out var free) && free > now) return free;
            _next[robot.Name] = now + Spacing(robot.Kind);
            return null;
        }
    }
}
