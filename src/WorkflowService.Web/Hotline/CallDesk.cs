using System.Text.Json;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Hotline;

/// <summary>The names workflows/hotline-call.bpmn uses; the host and the process must agree on them.</summary>
public static class HotlineProcess
{
    public const string Key = "hotline-call";
    public const string AnswerTask = "answerCall";
    public const string LogTask = "logCall";
    /// <summary>回拨: opened for the hotline group when the caller hung up before an answer.</summary>
    public const string CallBackTask = "callBack";
    public const string CallEndedMessage = "call-ended";
    public const string AnsweredBy = "answeredBy";

    /// <summary>The agents on duty when the call rang, comma-separated; unset: the whole hotline group.</summary>
    public const string OnDuty = "onDuty";

    /// <summary>Outside working time: the mobile the PBX forwarded the call to (呼叫转移); unset when none was set.</summary>
    public const string ForwardedTo = "forwardedTo";

    /// <summary>Outside working time: when the call-back opens (ISO 8601), the start of the next working period.</summary>
    public const string CallBackAt = "callBackAt";

    /// <summary>The variables of <paramref name="duty"/> a ringing call starts with.</summary>
    public static void AddDuty(Dictionary<string, JsonElement> variables, WorkflowService.AfterSales.Hotline.DutyAt duty)
    {
        if (duty.OnDuty.Count > 0) variables[OnDuty] = JsonSerializer.SerializeToElement(string.Join(",", duty.OnDuty));
        if (duty.CallBackAt is not { } callBackAt) return;
        variables[CallBackAt] = JsonSerializer.SerializeToElement(callBackAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        if (duty.ForwardedTo is { } mobile) variables[ForwardedTo] = JsonSerializer.SerializeToElement(mobile);
    }

    /// <summary>
    /// What completing answerCall submits. The process records the completing user as answeredBy
    /// itself (completedByVariable), whatever is sent; versions published before that declared
    /// answeredBy as a required form field, and calls still ringing on one must stay answerable.
    /// </summary>
    public static Dictionary<string, JsonElement> Answered(string userName) =>
        new() { [AnsweredBy] = JsonSerializer.SerializeToElement(userName) };

    /// <summary>A call variable as text (callId, from, to, answeredBy are strings), or null when unset.</summary>
    public static string? Variable(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;
}

/// <summary>A call that rings now: its answerCall task and who is calling.</summary>
/// <param name="DueAt">When the three-rings rule breaks (the task's due time).</param>
/// <param name="RingSeconds">One ring's length, for the banner's ring count.</param>
public sealed record RingingCall(Guid TaskId, Guid InstanceId, string CallId, string? From, DateTimeOffset Since,
    DateTimeOffset? DueAt = null, double? RingSeconds = null);

/// <summary>How pressing Answer ended.</summary>
public abstract record AnswerResult
{
    private AnswerResult() { }

    /// <summary>This agent won; <see cref="LogTaskId"/> is the call's logCall task, now theirs.</summary>
    public sealed record Answered(Guid InstanceId, Guid? LogTaskId) : AnswerResult;

    /// <summary>Someone else (an agent, or the PBX) was first.</summary>
    public sealed record Taken(string? By) : AnswerResult;

    /// <summary>The caller hung up before anyone answered.</summary>
    public sealed record Missed : AnswerResult;
}

/// <summary>
/// The agents' side of the hotline: which calls ring for whom, and the race to answer one. The
/// first agent to press Answer claims the answerCall task and completes it, which sets
/// <c>answeredBy</c> to them (the process's completedByVariable), exactly as the PBX's answered event does; whoever loses the
/// race is told who won.
/// </summary>
public sealed class CallDesk(TaskService tasks, InstanceService instances, ILogger<CallDesk> logger)
{
    /// <summary>
    /// Calls ringing now that <paramref name="caller"/> is on duty for (a candidate of the answerCall task), oldest first:
    /// two queries, the tasks and then the callers' numbers of all their calls.
    /// </summary>
    public async Task<IReadOnlyList<RingingCall>> RingingForAsync(Caller caller, CancellationToken ct = default)
    {
        var open = await tasks.QueryAsync(caller, new TaskQuery
        {
            DefinitionKey = HotlineProcess.Key, ElementId = HotlineProcess.AnswerTask, Sort = TaskSort.Created, Take = 50,
        }, ct);
        var ringing = open.Where(t => IsRinging(t) && t.IsOfferedTo(caller)).OrderBy(t => t.CreatedAt).ToList();
        var variables = await instances.VariablesAsync([.. ringing.Select(t => t.InstanceId)], Caller.System, ct);
        return [.. ringing.Where(t => variables.ContainsKey(t.InstanceId)).Select(t => Ringing(t, variables[t.InstanceId]))];
    }

    /// <summary>The ringing call of an answerCall task, or null when the task is not one that rings now.</summary>
    public async Task<RingingCall?> DescribeAsync(Guid taskId, CancellationToken ct = default)
    {
        var details = await FindAsync(taskId, ct);
        return details is not null && IsRinging(details.Task) ? Ringing(details.Task, details.Variables) : null;
    }

    private static RingingCall Ringing(TaskView task, IReadOnlyDictionary<string, JsonElement> variables) =>
        new(task.Id, task.InstanceId, task.BusinessKey ?? "", HotlineProcess.Variable(variables, "from"), task.CreatedAt, task.DueAt,
            variables.TryGetValue("ringSeconds", out var ring) && ring.ValueKind == JsonValueKind.Number ? ring.GetDouble() : null);

    /// <summary>The open answerCall task of a call's instance, or null once the call was answered or missed.</summary>
    public async Task<TaskView?> OpenAnswerTaskAsync(Guid instanceId, CancellationToken ct = default)
    {
        var open = await tasks.QueryAsync(Caller.System, new TaskQuery { InstanceId = instanceId, ElementId = HotlineProcess.AnswerTask }, ct);
        return open.Count > 0 ? open[0] : null;
    }

    public async Task<AnswerResult> AnswerAsync(Caller caller, Guid taskId, CancellationToken ct = default)
    {
        var details = await FindAsync(taskId, ct)
                      ?? throw new NotFoundException($"No ringing call has task {taskId}");
        if (details.Task.Status != UserTaskStatus.Open || details.Task.Assignee is { } a && a != caller.UserName) return Outcome(details);
        // On duty: offered the call by group or by name (an admin's see-everything does not count).
        if (!details.Task.IsOfferedTo(caller))
            throw new ForbiddenException($"{caller.UserName} is not on hotline duty for call {details.Task.BusinessKey}");
        try
        {
            await tasks.ClaimAsync(caller, taskId, ct);
            await tasks.CompleteAsync(caller, taskId, HotlineProcess.Answered(caller.UserName), ct);
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException)
        {
            // Lost the race: someone claimed, answered or hung up between our read and our write.
            logger.NotFirst(taskId, caller.UserName, ex.Message);
            return Outcome((await FindAsync(taskId, ct))!);
        }
        logger.AnsweredAtDesk(details.Task.BusinessKey, details.Task.InstanceId, taskId, caller.UserName);
        var mine = await tasks.QueryAsync(caller, new TaskQuery { InstanceId = details.Task.InstanceId, ElementId = HotlineProcess.LogTask }, ct);
        return new AnswerResult.Answered(details.Task.InstanceId, (mine.Count > 0 ? mine[0].Id : null));
    }

    /// <summary>Who has a call that no longer rings: the agent who claimed or answered it, or the PBX's <c>answeredBy</c>.</summary>
    public async Task<AnswerResult?> OutcomeAsync(Guid taskId, CancellationToken ct = default) =>
        await FindAsync(taskId, ct) is { } details ? Outcome(details) : null;

    private static AnswerResult Outcome(TaskDetails details) =>
        details.Task.Status == UserTaskStatus.Cancelled
            ? new AnswerResult.Missed()
            : new AnswerResult.Taken(HotlineProcess.Variable(details.Variables, HotlineProcess.AnsweredBy) ?? details.Task.Assignee ?? details.Task.CompletedBy);

    private async Task<TaskDetails?> FindAsync(Guid taskId, CancellationToken ct)
    {
        try
        {
            var details = await tasks.GetAsync(Caller.System, taskId, ct);
            return details.Task is { DefinitionKey: HotlineProcess.Key, ElementId: HotlineProcess.AnswerTask } ? details : null;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static bool IsRinging(TaskView task) =>
        task is { ElementId: HotlineProcess.AnswerTask, Assignee: null } && task.Status == UserTaskStatus.Open;
}
