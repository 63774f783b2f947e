using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.ExternalTasks;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <param name="LockDuration">Milliseconds, as in Camunda's API.</param>
public sealed record TopicDto(string? TopicName, long LockDuration);

public sealed record FetchAndLockRequest(string? WorkerId, int? MaxTasks, List<TopicDto>? Topics);

public sealed record ExternalTaskDto(Guid Id, string TopicName, Guid InstanceId, string ElementId, string? BusinessKey,
    JsonElement Variables, int Priority, DateTimeOffset LockExpiresAt);

public sealed record CompleteExternalTaskRequest(string? WorkerId, Dictionary<string, JsonElement>? Variables);

/// <param name="RetryTimeout">Milliseconds before a task with retries left is offered again.</param>
public sealed record ExternalTaskFailureRequest(string? WorkerId, string? ErrorMessage, string? ErrorCode, int? Retries,
    long? RetryTimeout, Dictionary<string, JsonElement>? Variables);

public static class ExternalTasksApi
{
    public static void MapExternalTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/external-tasks").WithTags("External tasks").RequireRole(Policies.ExternalWorker);
        api.MapPost("/fetch-and-lock", FetchAsync).ReadsJson()
            .WithSummary("Locks up to maxTasks open tasks of the given topics for a worker");
        // 409: the task is not locked by this worker, or no longer applies.
        api.MapPost("/{id:guid}/complete", CompleteAsync).ReadsJson().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Reports a locked task done, with output variables");
        api.MapPost("/{id:guid}/failure", FailAsync).ReadsJson().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Reports a failure: with errorCode a BPMN error; with retries > 0 offered again; else an incident");
    }

    private static async Task<Results<Ok<List<ExternalTaskDto>>, ProblemHttpResult>> FetchAsync(FetchAndLockRequest request, ExternalTaskService tasks,
        CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.WorkerId)) errors.Add(new("workerId is required", "workerId", "required"));
        if (request.Topics is not { Count: > 0 }) errors.Add(new("name at least one topic", "topics", "required"));
        else if (request.Topics.Any(t => string.IsNullOrWhiteSpace(t.TopicName) || t.LockDuration <= 0))
            errors.Add(new("every topic needs a topicName and a positive lockDuration (ms)", "topics", "invalid"));
        if (request.MaxTasks is < 1 or > 100) errors.Add(new("maxTasks must be between 1 and 100", "maxTasks", "range", Argument: "100"));
        if (errors.Count > 0) return Problems.Invalid("Invalid fetch-and-lock request", errors);

        var locked = await tasks.FetchAndLockAsync(request.WorkerId!,
            [.. request.Topics!.Select(t => new TopicRequest(t.TopicName!, TimeSpan.FromMilliseconds(t.LockDuration)))],
            request.MaxTasks ?? 10, ct);
        return TypedResults.Ok(locked.Select(t => new ExternalTaskDto(t.Id, t.Topic, t.InstanceId, t.ElementId, t.BusinessKey,
            t.Inputs, t.Priority, t.LockExpiresAt)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CompleteAsync(Guid id, CompleteExternalTaskRequest request,
        ExternalTaskService tasks, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WorkerId)) return WorkerIdRequired();
        await tasks.CompleteAsync(id, request.WorkerId, request.Variables, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> FailAsync(Guid id, ExternalTaskFailureRequest request,
        ExternalTaskService tasks, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WorkerId)) return WorkerIdRequired();
        await tasks.FailAsync(id, request.WorkerId, request.ErrorMessage ?? "failed without a message",
            request.ErrorCode, request.Retries, request.RetryTimeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            request.Variables, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult WorkerIdRequired() => Problems.Invalid("workerId", "workerId is required", "required");
}
