namespace WorkflowService.Web.Auth;

/// <summary>What a user may do. Groups (candidate groups) decide which tasks they see; roles decide which pages and actions.</summary>
public static class Roles
{
    public const string ProcessOwner = "process-owner";
    public const string Agent = "agent";
    public const string Engineer = "engineer";
    public const string Manager = "manager";
    public const string Admin = "admin";

    /// <summary>Service accounts of outside systems (ERP, PBX bridge) working external tasks.</summary>
    public const string Worker = "worker";

    public static readonly string[] All = [ProcessOwner, Agent, Engineer, Manager, Admin, Worker];
}

/// <summary>Authorization policies by capability.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Designer = "designer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string ExternalWorker = "external-worker";
}
