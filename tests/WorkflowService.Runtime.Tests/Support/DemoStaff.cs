using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>One member of the demo staff: groups decide which tasks they see, the role which instances.</summary>
public sealed record StaffMember(string UserName, string DisplayName, string[] Groups, bool SeesAllInstances = false,
    bool IsAdmin = false);

/// <summary>
/// The users the web service seeds with <c>Demo:Seed</c> (its <c>UserBootstrap.DemoUsers</c>, which this
/// project may not reference: the runtime tests run without the web) plus the administrator, with
/// the <see cref="Caller"/> the web would build for each once signed in.
/// </summary>
public static class DemoStaff
{
    public static readonly StaffMember[] All =
    [
        new("admin", "Administrator", [], IsAdmin: true),
        // Process owners and managers read every instance (supervisors).
        new("owner", "Process owner 流程负责人", [], SeesAllInstances: true),
        new("agent", "Agent 客服人员", ["agents", "hotline"]),
        new("agent2", "Agent 2 客服人员", ["agents", "hotline"]),
        new("desk", "Service desk 客服中心副经理", ["service-desk"]),
        new("engineer", "Engineer 售后服务工程师", ["engineers"]),
        new("warehouse", "Warehouse 仓储部", ["warehouse"]),
        new("finance", "Finance 财务部", ["finance"]),
        new("manager", "Manager 售后服务经理", ["managers"], SeesAllInstances: true),
        new("gm", "General manager 总经理", ["general-managers"]),
    ];

    public static Caller Caller(string userName)
    {
        var member = All.SingleOrDefault(m => m.UserName == userName)
                     ?? throw new ArgumentException($"'{userName}' is not one of the demo staff", nameof(userName));
        return new Caller(member.UserName, member.Groups.ToHashSet(StringComparer.Ordinal), member.IsAdmin)
        {
            SeesAllInstances = member.SeesAllInstances,
        };
    }
}
