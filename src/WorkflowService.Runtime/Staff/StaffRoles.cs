namespace WorkflowService.Runtime.Staff;

/// <summary>
/// The roles of the department's regulations. A role decides which pages and APIs one may use; groups
/// (the BPMN candidate groups) decide which tasks one is offered.
/// </summary>
public static class StaffRoles
{
    /// <summary>Manages staff, groups and the service's settings.</summary>
    public const string Admin = "admin";

    /// <summary>Draws and publishes the processes.</summary>
    public const string ProcessOwner = "process-owner";

    /// <summary>总经理: reads the reports and the monthly summary.</summary>
    public const string GeneralManager = "general-manager";

    /// <summary>售后服务经理: runs the department; sees every instance, cancels and retries.</summary>
    public const string Manager = "manager";

    /// <summary>客服中心副经理 (service desk): tracks what is late, i.e. the department's breaches.</summary>
    public const string DeputyManager = "deputy-manager";

    /// <summary>客服人员: takes calls and requests.</summary>
    public const string Agent = "agent";

    /// <summary>售后服务工程师: repairs, installs, trains.</summary>
    public const string Engineer = "engineer";

    /// <summary>仓储部: spare parts and replacement devices.</summary>
    public const string Warehouse = "warehouse";

    /// <summary>财务部: charges and refunds.</summary>
    public const string Finance = "finance";

    /// <summary>Service accounts of outside systems (ERP, PBX bridge) working external tasks.</summary>
    public const string Worker = "worker";

    public static readonly IReadOnlyList<string> All =
        [Admin, ProcessOwner, GeneralManager, Manager, DeputyManager, Agent, Engineer, Warehouse, Finance, Worker];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>The groups the shipped processes name as candidate groups, created at every start if missing.</summary>
public static class StandardGroups
{
    public static readonly IReadOnlyList<(string Name, string DisplayName)> All =
    [
        ("agents", "客服人员 Agents"),
        ("hotline", "服务热线 Hotline"),
        ("service-desk", "客服中心 Service desk"),
        ("engineers", "售后服务工程师 Engineers"),
        ("warehouse", "仓储部 Warehouse"),
        ("finance", "财务部 Finance"),
        ("managers", "售后服务经理 Managers"),
        ("general-managers", "总经理 General managers"),
    ];
}

/// <summary>What the audit log names a change by.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string PasswordReset = "user.password-reset";
    public const string PasswordChanged = "account.password-changed";
    public const string AccountUpdated = "account.updated";
    public const string GroupMembersSet = "group.members-set";
    public const string StaffImported = "staff.imported";
    public const string TokenRevoked = "token.revoked";
}
