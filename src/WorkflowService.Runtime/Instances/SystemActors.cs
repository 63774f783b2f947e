namespace WorkflowService.Runtime.Instances;

/// <summary>
/// The names the service itself acts under in <c>StartedBy</c>, history and tasks, where a user's
/// name would otherwise be. A user account that happens to carry one of them is not taken for the
/// system: it does not become the starter of every instance a timer or the PBX started.
/// </summary>
public static class SystemActors
{
    public const string Timer = "timer";
    public const string Pbx = "pbx";
    public const string System = "system";

    public static bool IsSystem(string name) =>
        string.Equals(name, Timer, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Pbx, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, System, StringComparison.OrdinalIgnoreCase);
}
