namespace WorkflowService.Runtime.Tasks;

/// <summary>Who is asking: what they may see and do follows from this.</summary>
/// <param name="IsAdmin">Sees and may act on every task and instance, and may start any process.</param>
public sealed record Caller(string UserName, IReadOnlySet<string> Groups, bool IsAdmin)
{
    public static Caller System { get; } = new(Instances.SystemActors.System, new HashSet<string>(), true);

    /// <summary>
    /// Reads every instance (supervisors: managers, process owners). Without it a caller sees the
    /// instances they started and those with a task they can see (<see cref="Instances.InstanceVisibility"/>).
    /// </summary>
    public bool SeesAllInstances { get => field || IsAdmin; init; }
}
