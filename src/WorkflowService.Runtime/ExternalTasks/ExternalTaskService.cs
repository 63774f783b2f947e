using WorkflowService.Engine.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.ExternalTasks;

public sealed record TopicRequest(string TopicName, TimeSpan LockDuration);

public sealed record LockedTask(Guid Id, string Topic, Guid InstanceId, string ElementId, string? BusinessKey,
    JsonElement Inputs, int Priority, DateTimeOffset LockExpiresAt);

/// <summary>
/// Work for outside workers (ERP, PBX...), as Camunda's external tasks: fetch-and-lock by topic,
/// then complete or report a failure. A failure with an error code is a BPMN error at the task;
/// with retries left the task is offered again later; otherwise it becomes an incident.
/// </summary>
public sealed class ExternalTaskService(WorkflowDbFactory dbFactory, TransactionRunner transactions, InstanceRunner runner,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<LockedTask>> FetchAndLockAsync(string workerId, IReadOnlyList<TopicRequest> topics,
        int maxTasks, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(workerId))
            throw new ValidationException("workerId is required", [new ValidationError("required", "workerId", "required")]);
        if (topics.Count == 0)
            throw new ValidationException("Name at least one topic", [new ValidationError("required", "topics", "required")]);
        var names = topics.Select(t => t.TopicName).ToList();
        // One transaction in the write turn: a worker that locked some of the rows first (another
        // node) moves their revision, and the whole fetch is done again on fresh rows. One that
        // keeps losing gets nothing this time, as a fetch that found no work: it polls again.
        if (maxTasks <= 0) return [];
        try
        {
            return await FetchAndLockOnceAsync(workerId, topics, names, maxTasks, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [];
        }
    }

    private async Task<IReadOnlyList<LockedTask>> FetchAndLockOnceAsync(string workerId, IReadOnlyList<TopicRequest> topics,
        List<string> names, int maxTasks, CancellationToken ct)
    {
        // Idle workers poll often: a poll that finds nothing must not queue for the write turn (and
        // SQLite's write lock) behind the steps. The locking transaction reads the rows again.
        await using (var look = dbFactory.Create())
        {
            var now = clock.GetUtcNow();
            if (!await Lockable(look.ExternalTasks.AsNoTracking(), names, now).AnyAsync(ct)) return [];
        }
        return await transactions.RunAsync<IReadOnlyList<LockedTask>>($"fetch and lock by {workerId}", async db =>
        {
            var now = clock.GetUtcNow();
            var rows = await Lockable(db.ExternalTasks, names, now)
                .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt)
                .Take(maxTasks).ToListAsync(ct);
            if (rows.Count == 0) return [];
            foreach (var row in rows)
            {
                row.WorkerId = workerId;
                row.LockExpiresAt = now + topics.First(t => t.TopicName == row.Topic).LockDuration;
                row.Revision++;
            }
            await db.SaveChangesAsync(ct);
            var keys = await db.Instances.AsNoTracking().Where(i => rows.Select(r => r.InstanceId).Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => i.BusinessKey, ct);
            return (IReadOnlyList<LockedTask>)[.. rows.Select(r => new LockedTask(r.Id, r.Topic, r.InstanceId, r.ElementId,
                keys.GetValueOrDefault(r.InstanceId), ParseInputs(r.InputsJson), r.Priority, r.LockExpiresAt!.Value))];
        }, ct);
    }

    /// <summary>Open tasks of the topics whose lock is free or has expired.</summary>
    private static IQueryable<ExternalTaskRecord> Lockable(IQueryable<ExternalTaskRecord> tasks, List<string> names,
        DateTimeOffset now) =>
        tasks.Where(t => t.Status == ExternalTaskStatus.Open && names.Contains(t.Topic)
                         && (t.LockExpiresAt == null || t.LockExpiresAt < now));

    private static JsonElement ParseInputs(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async Task CompleteAsync(Guid taskId, string workerId, IReadOnlyDictionary<string, JsonElement>? variables,
        CancellationToken ct = default)
    {
        var vars = VariableMap.Empty.SetItems(variables ?? VariableMap.Empty);
        await RunAsync(taskId, workerId, (row, now) =>
        {
            row.Status = ExternalTaskStatus.Completed;
            row.Revision++;
            return new ExternalTaskCompleted(row.LocalId, vars, workerId) { At = now };
        }, ct);
    }

    /// <param name="retries">Attempts left: above zero, the task is offered again after <paramref name="retryTimeout"/>.</param>
    public async Task FailAsync(Guid taskId, string workerId, string errorMessage, string? errorCode, int? retries,
        TimeSpan? retryTimeout, IReadOnlyDictionary<string, JsonElement>? variables, CancellationToken ct = default)
    {
        if (errorCode is null && retries is > 0)
        {
            try
            {
                await transactions.RunAsync($"failure of external task {taskId}", async db =>
                {
                    var row = await LockedRowAsync(db, taskId, workerId, ct);
                    row.WorkerId = null;
                    row.LockExpiresAt = clock.GetUtcNow() + (retryTimeout ?? TimeSpan.Zero);
                    row.ErrorMessage = errorMessage;
                    row.Revision++;
                    await db.SaveChangesAsync(ct);
                }, ct, TransientErrors.Busy);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException($"External task {taskId} changed while its failure was reported (completed, cancelled or locked again); fetch it again");
            }
            return;
        }
        var vars = variables is null ? null : VariableMap.Empty.SetItems(variables);
        await RunAsync(taskId, workerId, (row, now) =>
        {
            row.Status = errorCode is null ? ExternalTaskStatus.Failed : ExternalTaskStatus.Completed;
            row.ErrorMessage = errorMessage;
            row.Revision++;
            return new ExternalTaskFailed(row.LocalId, errorCode, errorMessage, vars) { At = now };
        }, ct);
    }

    private async Task RunAsync(Guid taskId, string workerId, Func<ExternalTaskRecord, DateTimeOffset, InstanceEvent> toEvent,
        CancellationToken ct)
    {
        Guid instanceId;
        await using (var db = dbFactory.Create())
            instanceId = (await LockedRowAsync(db, taskId, workerId, ct)).InstanceId;
        StepOutcome outcome;
        try
        {
            outcome = await runner.HandleAsync(instanceId, async scope =>
            {
                var row = await LockedRowAsync(scope.Db, taskId, workerId, ct);
                return toEvent(row, scope.Now);
            }, ct);
        }
        catch (ExpressionException ex)
        {
            // The task's output mapping cannot be applied to what the worker sent: nothing was saved,
            // the task stays locked to the worker, which can report again with what is missing.
            var message = $"The result of external task {taskId} cannot be taken: {ex.Message}";
            throw new ValidationException(message, [new ValidationError(message, "variables", "output")]);
        }
        if (outcome.Ignored) throw new ConflictException($"External task {taskId} no longer applies: {outcome.IgnoredReason}");
    }

    private async Task<ExternalTaskRecord> LockedRowAsync(WorkflowDbContext db, Guid taskId, string workerId, CancellationToken ct)
    {
        var row = await db.ExternalTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct)
                  ?? throw new NotFoundException($"External task {taskId} does not exist");
        if (row.Status != ExternalTaskStatus.Open)
            throw new ConflictException($"External task {taskId} is {row.Status.ToLowerInvariant()} already");
        if (row.WorkerId != workerId || row.LockExpiresAt < clock.GetUtcNow())
            throw new ConflictException($"External task {taskId} is not locked by worker '{workerId}' (fetch and lock it first)");
        return row;
    }
}
