using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Staff;

/// <summary>A person of the department as admins see them.</summary>
/// <param name="LockedOut">Locked out for now after repeated failed sign-ins (ends by itself).</param>
public sealed record StaffMember(
    string UserName,
    string? DisplayName,
    string? Email,
    string? Mobile,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups,
    bool Disabled,
    bool MustChangePassword,
    string? Language,
    bool LockedOut);

/// <summary>What an admin sets of a person (every field but the password). Lists may be null for "none".</summary>
public sealed record StaffProfile(
    string? UserName,
    string? DisplayName,
    string? Email,
    string? Mobile,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? Groups);

/// <summary>
/// What disabling a person did to their work: the tasks they had claimed from a group went back to it;
/// the tasks that name them alone stay theirs until a manager hands them on.
/// </summary>
public sealed record DisableOutcome(StaffMember Member, IReadOnlyList<TaskView> Released, IReadOnlyList<TaskView> ToHandOn);

/// <summary>A group with its members and the open tasks it is offered.</summary>
public sealed record GroupDetails(string Name, string? DisplayName, IReadOnlyList<GroupMemberView> Members, IReadOnlyList<TaskView> OpenTasks);

public sealed record GroupMemberView(string UserName, string? DisplayName, bool Disabled);

/// <summary>One row of an import file: its number as the file counts (header = 1), the person, the first password.</summary>
public sealed record StaffImportRow(int Row, StaffProfile Profile, string? Password);

/// <summary>A problem of one row of an import file; the field, code and value as a <see cref="Instances.ValidationError"/> names them
/// (for a page to word it in its reader's language), null where only the message says it.</summary>
public sealed record StaffImportError(int Row, string Message, string? Field = null, string? Code = null, string? Argument = null)
{
    public StaffImportError(int row, Instances.ValidationError problem) : this(row, problem.Message, problem.Field, problem.Code, problem.Argument) { }

    /// <summary>The problem as the pages word a refused field.</summary>
    public Instances.ValidationError AsValidationError() => new(Message, Field, Code, Argument: Argument);
}

/// <summary>
/// What an import did, or (dry run, or any error) would have done: nothing is written unless every row is valid.
/// </summary>
public sealed record StaffImportResult(int Created, int Updated, IReadOnlyList<StaffImportError> Errors, bool Written);

/// <summary>One entry of the audit log.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Details);
