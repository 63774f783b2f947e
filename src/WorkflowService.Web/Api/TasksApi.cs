using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record TaskSummary(
    Guid Id,
    Guid InstanceId,
    string DefinitionKey,
    string ElementId,
    string? Name,
    string? BusinessKey,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    DateTimeOffset CreatedAt,
    string Status)
{
    public static TaskSummary From(TaskView t) => new(t.Id, t.InstanceId, t.DefinitionKey, t.ElementId, t.Name, t.BusinessKey,
        t.Assignee, t.CandidateGroups, t.CandidateUsers, t.DueAt, t.FollowUpAt, t.Priority, t.CreatedAt, t.Status);
}

public sealed record FormFieldDto(
    string Id,
    string? Label,
    string Type,
    bool Required,
    bool Readonly,
    string? Min,
    string? Max,
    int? MinLength,
    int? MaxLength,
    IReadOnlyList<EnumOption>? Options,
    JsonElement? Value,
    string? MemberOf = null);

public sealed record TaskDetailsDto(TaskSummary Task, string? FormKey, IReadOnlyList<FormFieldDto> Form,
    IReadOnlyDictionary<string, JsonElement> Variables);

public sealed record AssignTaskRequest(string? UserName);

public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Variables);

public static class TasksApi
{
    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        // A task the caller may not see is a 404, as one that does not exist: never a 403 that confirms it.
        var api = app.MapGroup("/api/tasks").WithTags("Tasks").RequireSignedIn();
        api.MapGet("/", QueryAsync).Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Open tasks the caller may see: assigned to them, or offered to them or their groups");
        api.MapGet("/{id:guid}", GetAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A task with its form fields and the instance's variables");
        api.MapPost("/{id:guid}/claim", ClaimAsync).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Takes a task; 409 when someone else has it");
        api.MapPost("/{id:guid}/unclaim", UnclaimAsync).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Gives a task back to its candidates; 409 when someone else has it");
        api.MapGet("/left-behind", LeftBehindAsync).RequireRole(Policies.Supervisor)
            .WithSummary("Open tasks that only disabled people may do: to hand on (supervisors)");
        api.MapPost("/{id:guid}/assign", AssignAsync).RequireRole(Policies.Supervisor).ReadsJson().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Hands an open task on to an enabled person (supervisors), e.g. the work of someone who left");
        api.MapPost("/{id:guid}/complete", CompleteAsync).ReadsJson().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Completes a task; 400 names each refused form field, 409 when completed or claimed by someone else");
    }

    private static async Task<Ok<List<TaskSummary>>> QueryAsync(TaskService tasks, SignedInCaller caller, Guid? instanceId,
        string? assignee, string? candidateGroup, string? definitionKey, bool? overdue, bool? dueToday, TaskSort? sort, int? skip,
        int? take, CancellationToken ct)
    {
        var query = new TaskQuery
        {
            InstanceId = instanceId, Assignee = assignee, CandidateGroup = candidateGroup, DefinitionKey = definitionKey,
            Overdue = overdue ?? false, DueToday = dueToday ?? false, Sort = sort ?? TaskSort.DueDate, Skip = skip ?? 0,
            Take = take ?? 50,
        };
        var list = await tasks.QueryAsync(caller, query, ct);
        return TypedResults.Ok(list.Select(TaskSummary.From).ToList());
    }

    private static async Task<Ok<TaskDetailsDto>> GetAsync(Guid id, TaskService tasks, SignedInCaller caller, CancellationToken ct)
    {
        var details = await tasks.GetAsync(caller, id, ct);
        var form = details.Form.Select(f => FormFieldDtos.From(f.Field, f.Value, f.People)).ToList();
        return TypedResults.Ok(new TaskDetailsDto(TaskSummary.From(details.Task), details.Task.FormKey, form, details.Variables));
    }

    private static async Task<Ok<TaskSummary>> ClaimAsync(Guid id, TaskService tasks, SignedInCaller caller, CancellationToken ct) =>
        TypedResults.Ok(TaskSummary.From(await tasks.ClaimAsync(caller, id, ct)));

    private static async Task<Ok<TaskSummary>> UnclaimAsync(Guid id, TaskService tasks, SignedInCaller caller, CancellationToken ct) =>
        TypedResults.Ok(TaskSummary.From(await tasks.UnclaimAsync(caller, id, ct)));

    private static async Task<Ok<List<TaskSummary>>> LeftBehindAsync(Runtime.Staff.StaffDirectory staff, CancellationToken ct) =>
        TypedResults.Ok((await staff.WorkLeftBehindAsync(ct)).Select(TaskSummary.From).ToList());

    private static async Task<Ok<TaskSummary>> AssignAsync(Guid id, AssignTaskRequest request, TaskService tasks, SignedInCaller caller,
        CancellationToken ct) =>
        TypedResults.Ok(TaskSummary.From(await tasks.AssignAsync(caller, id, request.UserName, ct)));

    private static async Task<NoContent> CompleteAsync(Guid id, CompleteTaskRequest? request, TaskService tasks,
        SignedInCaller caller, CancellationToken ct)
    {
        await tasks.CompleteAsync(caller, id, request?.Variables ?? new Dictionary<string, JsonElement>(), ct);
        return TypedResults.NoContent();
    }
}
