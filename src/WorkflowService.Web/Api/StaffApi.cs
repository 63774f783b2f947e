using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>A person as the API shows them.</summary>
public sealed record UserDto(
    string UserName,
    string? DisplayName,
    string? Email,
    string? Mobile,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups,
    bool Disabled,
    bool MustChangePassword,
    bool LockedOut,
    string? Language)
{
    public static UserDto From(StaffMember m) =>
        new(m.UserName, m.DisplayName, m.Email, m.Mobile, m.Roles, m.Groups, m.Disabled, m.MustChangePassword, m.LockedOut, m.Language);
}

/// <summary>A new person. <c>mustChangePassword</c> (default true) may be false for a service account that cannot change it.</summary>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Email, string? Mobile, string? Password,
    List<string>? Roles, List<string>? Groups, bool? MustChangePassword)
{
    public StaffProfile Profile => new(UserName, DisplayName, Email, Mobile, Roles, Groups);
}

/// <summary>A person's changes (the user name, if given, must be theirs: it never changes).</summary>
public sealed record UpdateUserRequest(string? UserName, string? DisplayName, string? Email, string? Mobile, List<string>? Roles,
    List<string>? Groups);

public sealed record PasswordRequest(string? Password);

/// <summary>What disabling did: the person, the tasks back with their groups, the tasks a manager must hand on.</summary>
public sealed record DisableResponse(UserDto User, IReadOnlyList<TaskSummary> Released, IReadOnlyList<TaskSummary> ToHandOn);

public sealed record ImportErrorDto(int Row, string Message);

public sealed record ImportResponse(int Created, int Updated, IReadOnlyList<ImportErrorDto> Errors, bool Written);

public sealed record GroupDto(string Name, string? DisplayName, IReadOnlyList<string> Members);

public sealed record GroupMemberDto(string UserName, string? DisplayName, bool Disabled);

public sealed record GroupDetailsDto(string Name, string? DisplayName, IReadOnlyList<GroupMemberDto> Members, IReadOnlyList<TaskSummary> OpenTasks);

public sealed record GroupMembersRequest(List<string>? UserNames, string? DisplayName);

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Details);

/// <summary>The department's people, groups and audit log, for admins.</summary>
public static class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Staff").RequireRole(Policies.Admin);
        users.MapGet("/", ListAsync).WithSummary("Everyone; q matches user name, display name, email, mobile, role or group");
        users.MapPost("/", CreateAsync).ReadsJson().Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Adds a person; 409 when the user name exists, 400 naming each field and password rule that failed");
        users.MapGet("/{userName}", GetAsync).Refuses(StatusCodes.Status404NotFound).WithSummary("One person");
        users.MapPut("/{userName}", UpdateAsync).ReadsJson().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Changes a person's display name, contact, roles and groups; 409 when it would leave no enabled admin");
        users.MapGet("/{userName}/assignments", AssignmentsAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Open tasks that name only this person (to hand on when they leave)");
        users.MapPost("/{userName}/disable", DisableAsync).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Stops a person's sign-ins, sessions and tokens; their claimed tasks go back to their groups");
        users.MapPost("/{userName}/enable", EnableAsync).Refuses(StatusCodes.Status404NotFound).WithSummary("Lets a person sign in again");
        users.MapPost("/{userName}/password", ResetPasswordAsync).ReadsJson().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Sets a password the person must change at the next sign-in; their sessions and tokens stop");
        users.MapPost("/import", ImportAsync).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportResponse>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Adds and updates people from an .xlsx or .csv file (field 'file'); nothing is written unless every row is valid; dryRun=true only checks");
        users.MapGet("/export", ExportAsync).ProducesWorkbook().WithSummary("Everyone (whom a search q finds) as an .xlsx workbook under headers the staff import reads, Chinese in zh-CN");

        var groups = app.MapGroup("/api/groups").WithTags("Staff").RequireRole(Policies.Admin);
        groups.MapGet("/", ListGroupsAsync).WithSummary("Every group with its members");
        groups.MapGet("/{name}", GetGroupAsync).Refuses(StatusCodes.Status404NotFound).WithSummary("A group's members and open tasks");
        groups.MapPut("/{name}/members", SetMembersAsync).ReadsJson()
            .WithSummary("Makes exactly these people the members (creating the group if new); 400 names each unknown user");

        app.MapGet("/api/audit", AuditAsync).WithTags("Staff").RequireRole(Policies.Admin)
            .WithSummary("Changes to staff, groups and access, newest first; target narrows to a user name or group:name");
    }

    private static async Task<Ok<List<UserDto>>> ListAsync(StaffDirectory staff, string? q, CancellationToken ct) =>
        TypedResults.Ok((await staff.ListAsync(q, ct)).Select(UserDto.From).ToList());

    private static async Task<Ok<UserDto>> GetAsync(string userName, StaffDirectory staff, CancellationToken ct) =>
        TypedResults.Ok(UserDto.From(await staff.GetAsync(userName, ct)));

    private static async Task<Created<UserDto>> CreateAsync(CreateUserRequest request, StaffDirectory staff, HttpContext http,
        CancellationToken ct)
    {
        var member = await staff.CreateAsync(http.User.UserName(), request.Profile, request.Password, request.MustChangePassword ?? true, ct);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(member.UserName)}", UserDto.From(member));
    }

    private static async Task<Ok<UserDto>> UpdateAsync(string userName, UpdateUserRequest request, StaffDirectory staff,
        HttpContext http, CancellationToken ct)
    {
        var profile = new StaffProfile(request.UserName, request.DisplayName, request.Email, request.Mobile, request.Roles, request.Groups);
        return TypedResults.Ok(UserDto.From(await staff.UpdateAsync(http.User.UserName(), userName, profile, ct)));
    }

    private static async Task<Ok<List<TaskSummary>>> AssignmentsAsync(string userName, StaffDirectory staff, CancellationToken ct)
    {
        await staff.GetAsync(userName, ct); // 404 for no such person, rather than an empty list
        return TypedResults.Ok((await staff.AssignmentsToHandOnAsync(userName, ct)).Select(TaskSummary.From).ToList());
    }

    private static async Task<Ok<DisableResponse>> DisableAsync(string userName, StaffDirectory staff, HttpContext http, CancellationToken ct)
    {
        var outcome = await staff.DisableAsync(http.User.UserName(), userName, ct);
        return TypedResults.Ok(new DisableResponse(UserDto.From(outcome.Member), outcome.Released.Select(TaskSummary.From).ToList(),
            outcome.ToHandOn.Select(TaskSummary.From).ToList()));
    }

    private static async Task<Ok<UserDto>> EnableAsync(string userName, StaffDirectory staff, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(UserDto.From(await staff.EnableAsync(http.User.UserName(), userName, ct)));

    private static async Task<Ok<UserDto>> ResetPasswordAsync(string userName, PasswordRequest request, StaffDirectory staff,
        HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(UserDto.From(await staff.ResetPasswordAsync(http.User.UserName(), userName, request.Password, ct)));

    /// <summary>
    /// A dry run answers 200 with what the file would do and every row's problem. A real import that finds a problem
    /// writes nothing and answers 400: problem details carrying the same rows (<c>errors</c>: row and message).
    /// </summary>
    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpRequest http, StaffImporter importer,
        bool? dryRun, CancellationToken ct)
    {
        var (file, refusal) = await SheetFiles.ReceiveAsync(http, "staff file", ct);
        if (refusal is not null) return refusal;
        await using var stream = file!.OpenReadStream();
        var result = await importer.ImportFileAsync(http.HttpContext.User.UserName(), stream, file.FileName, dryRun ?? false, ct);
        return SheetFiles.Answer(new ImportResponse(result.Created, result.Updated,
            result.Errors.Select(e => new ImportErrorDto(e.Row, e.Message)).ToList(), result.Written), dryRun == true);
    }

    /// <summary>Everyone (or whom a search q finds) under headers the staff import reads, Chinese in zh-CN, by user name.</summary>
    private static async Task<FileContentHttpResult> ExportAsync(Exports.StaffSheets sheets, TimeProvider clock, string? q, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.StaffAsync(q, System.Globalization.CultureInfo.CurrentUICulture, ct), "staff", clock);

    private static async Task<Ok<List<GroupDto>>> ListGroupsAsync(GroupAdministration groups, CancellationToken ct) =>
        TypedResults.Ok((await groups.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Ok<GroupDetailsDto>> GetGroupAsync(string name, GroupAdministration groups, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await groups.GetAsync(name, ct)));

    private static async Task<Ok<GroupDetailsDto>> SetMembersAsync(string name, GroupMembersRequest request, GroupAdministration groups,
        HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await groups.SetMembersAsync(http.User.UserName(), name, request.UserNames, request.DisplayName, ct)));

    private static async Task<Ok<List<AuditEntryDto>>> AuditAsync(StaffDirectory staff, string? target, int? skip, int? take,
        CancellationToken ct) =>
        TypedResults.Ok((await staff.AuditAsync(target, skip ?? 0, take ?? 100, ct))
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details)).ToList());

    private static GroupDto ToDto(GroupView g) => new(g.Name, g.DisplayName, g.Members);

    private static GroupDetailsDto ToDto(GroupDetails g) => new(g.Name, g.DisplayName,
        g.Members.Select(m => new GroupMemberDto(m.UserName, m.DisplayName, m.Disabled)).ToList(), g.OpenTasks.Select(TaskSummary.From).ToList());
}
