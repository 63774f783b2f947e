namespace WorkflowService.Runtime.Tasks;

/// <summary>Who is asking: what they may see and do follows from this.</summary>
public sealed record Caller(string UserName, IReadOnlySet<string> Groups, bool IsAdmin)
{
    public static Caller System { get; } = new("system", new HashSet<string>(), true);
}
