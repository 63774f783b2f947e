using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Auth;

/// <summary>What a user may do (<see cref="StaffRoles"/>). Groups (candidate groups) decide which tasks they see; roles decide which pages and actions.</summary>
public static class Roles
{
    public const string Admin = StaffRoles.Admin;
    public const string ProcessOwner = StaffRoles.ProcessOwner;
    public const string GeneralManager = StaffRoles.GeneralManager;
    public const string Manager = StaffRoles.Manager;
    public const string DeputyManager = StaffRoles.DeputyManager;
    public const string Agent = StaffRoles.Agent;
    public const string Engineer = StaffRoles.Engineer;
    public const string Warehouse = StaffRoles.Warehouse;
    public const string Finance = StaffRoles.Finance;

    /// <summary>Service accounts of outside systems (ERP, PBX bridge) working external tasks.</summary>
    public const string Worker = StaffRoles.Worker;

    public static IReadOnlyList<string> All => StaffRoles.All;
}

/// <summary>Authorization policies by capability.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Designer = "designer";

    /// <summary>Runs the department's work: every instance, cancel and retry, hand tasks on.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Tracks what is late: the department's breaches (the service desk's deputy manager and the managers).</summary>
    public const string LateWork = "late-work";

    /// <summary>Keeps the department's records and opens work orders: agents, the service desk, managers, admins.</summary>
    public const string Desk = "desk";

    /// <summary>Registers the devices sold and serviced: the desk, engineers and the warehouse.</summary>
    public const string Devices = "devices";

    /// <summary>
    /// Reads the department's reports — the dashboard, the lists behind its numbers, the engineers' ledger (it names
    /// bonuses and fines), the report workbooks: the managers, the deputy manager, the general manager, admins.
    /// </summary>
    public const string Reports = "reports";

    /// <summary>The roles of <see cref="Reports"/> (the navigation shows the reports to them).</summary>
    public static readonly string[] ReportReaders = [Roles.Manager, Roles.DeputyManager, Roles.GeneralManager, Roles.Admin];

    public const string Admin = "admin";
    public const string ExternalWorker = "external-worker";
}
