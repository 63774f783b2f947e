using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Tests.Durability;

/// <summary>How many of the writes got in: acknowledged ones all must; of those in flight at the kill, any number may.</summary>
public sealed record StoredSummary(int Instances, int AcknowledgedStarts, int AcknowledgedCompletions,
    int InFlightStarts, int InFlightStartsStored, int InFlightCompletions, int InFlightCompletionsStored);

/// <summary>
/// Reads what the database holds after a kill of a <see cref="StepLoad"/> on a process <c>start → first → second</c>
/// (two user tasks of one candidate group) and lists every disagreement: with what was acknowledged (each
/// acknowledged start's instance and each acknowledged completion must be there) and within each instance's rows
/// (acknowledged or not, an instance is whole: its state, its tasks and their candidates, its history), plus rows of
/// any table that belong to no instance.
/// </summary>
public sealed class StoredSteps(string definitionKey, string group, string user)
{
    public const string First = "first";
    public const string Second = "second";

    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Where each stored instance waits, as its rows say (after <see cref="CheckAsync"/>; broken instances left out).</summary>
    public IReadOnlyDictionary<Guid, string> WaitingAt { get; private set; } = new Dictionary<Guid, string>();

    public async Task<StoredSummary> CheckAsync(WorkflowDbContext db, IReadOnlyList<SentStep> steps)
    {
        var instances = await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == definitionKey).ToListAsync();
        var ids = instances.Select(i => i.Id).ToList();
        var tasks = (await db.Tasks.AsNoTracking().Include(t => t.Candidates).Where(t => ids.Contains(t.InstanceId)).ToListAsync())
            .ToLookup(t => t.InstanceId);
        var history = (await db.History.AsNoTracking().Where(h => ids.Contains(h.InstanceId)).OrderBy(h => h.Id).ToListAsync())
            .ToLookup(h => h.InstanceId);
        var waitingAt = new Dictionary<Guid, string?>();
        foreach (var instance in instances)
            waitingAt[instance.Id] = CheckWhole(instance, [.. tasks[instance.Id]], [.. history[instance.Id]]);

        WaitingAt = waitingAt.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
        var summary = CheckAgainstSteps(instances, waitingAt, [.. tasks.SelectMany(t => t)], steps);
        await CheckNoOrphansAsync(db);
        return summary;
    }

    /// <summary>One instance's rows agree with each other; returns the task it waits at (null when it is broken).</summary>
    private string? CheckWhole(InstanceRecord instance, List<TaskRecord> tasks, List<HistoryRecord> history)
    {
        var name = $"instance {instance.Id} ({instance.BusinessKey})";
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        string[] active = [.. state.ActiveElementIds];
        if (instance.Status != "Running" || state.Status != InstanceStatus.Running)
            Problem($"{name} is {instance.Status} (its state says {state.Status}), not Running");
        if (active is not [var at] || at is not (First or Second))
        {
            Problem($"{name} waits at [{string.Join(", ", active)}], not at {First} or {Second}");
            return null;
        }

        var open = tasks.Where(t => t.Status == UserTaskStatus.Open).ToList();
        if (open is not [var task] || task.ElementId != at)
            Problem($"{name} waits at {at} but its open tasks are [{string.Join(", ", open.Select(t => t.ElementId))}]");
        else if (task.CandidateGroups != group || task.Candidates is not [{ Kind: TaskCandidate.Group } candidate] || candidate.Name != group)
            Problem($"{name}: the open task {task.Id} at {at} is offered to '{task.CandidateGroups}' with candidate rows " +
                    $"[{string.Join(", ", task.Candidates.Select(c => $"{c.Kind}:{c.Name}"))}], not to the group {group}");

        var events = history.Select(h => $"{h.Event} {h.ElementId}").ToList();
        string[] expected = at == First
            ? ["entered start", "left start", $"entered {First}"]
            : ["entered start", "left start", $"entered {First}", $"left {First}", $"entered {Second}"];
        if (!events.SequenceEqual(expected))
            Problem($"{name} waits at {at} but its history is [{string.Join(", ", events)}], not [{string.Join(", ", expected)}]");

        var done = tasks.Where(t => t.Status != UserTaskStatus.Open).ToList();
        if (at == First && done.Count > 0)
            Problem($"{name} waits at {First} but has ended tasks [{string.Join(", ", done.Select(t => $"{t.ElementId} {t.Status}"))}]");
        if (at == Second && (done is not [var completed] || completed.ElementId != First || completed.Status != UserTaskStatus.Completed
                             || completed.CompletedBy != user || completed.EndedAt is null))
            Problem($"{name} waits at {Second} but its ended tasks are " +
                    $"[{string.Join(", ", done.Select(t => $"{t.ElementId} {t.Status} by {t.CompletedBy} at {t.EndedAt}"))}], " +
                    $"not {First} completed by {user}");
        return at;
    }

    private StoredSummary CheckAgainstSteps(List<InstanceRecord> instances, Dictionary<Guid, string?> waitingAt,
        List<TaskRecord> tasks, IReadOnlyList<SentStep> steps)
    {
        var starts = steps.Where(s => s.Kind == StepKind.Start).ToDictionary(s => s.BusinessKey);
        var byKey = instances.ToLookup(i => i.BusinessKey ?? "");
        foreach (var keyed in byKey)
        {
            if (!starts.ContainsKey(keyed.Key)) Problem($"instances [{string.Join(", ", keyed.Select(i => i.Id))}] have a business key no start sent: '{keyed.Key}'");
            if (keyed.Count() > 1) Problem($"{keyed.Count()} instances have the business key {keyed.Key}: one start made several");
        }

        foreach (var start in starts.Values.Where(s => s.Outcome == StepOutcome.Acknowledged))
        {
            var stored = byKey[start.BusinessKey].ToList();
            if (stored is not [var instance]) Problem($"the acknowledged start {start} has {stored.Count} instances");
            else if (instance.Id != start.InstanceId) Problem($"the acknowledged start {start} is stored as instance {instance.Id}");
        }

        var completedTasks = tasks.Where(t => t.Status == UserTaskStatus.Completed).Select(t => t.Id).ToHashSet();
        var completions = steps.Where(s => s.Kind == StepKind.Completion).ToList();
        foreach (var completion in completions.Where(s => s.Outcome == StepOutcome.Acknowledged))
        {
            if (!completedTasks.Contains(completion.TaskId!.Value) || waitingAt.GetValueOrDefault(completion.InstanceId!.Value) != Second)
                Problem($"the acknowledged completion {completion} is not stored: the task is " +
                        $"{tasks.FirstOrDefault(t => t.Id == completion.TaskId)?.Status ?? "missing"}, the instance waits at " +
                        $"{waitingAt.GetValueOrDefault(completion.InstanceId!.Value) ?? "nothing"}");
        }

        var inFlightStarts = starts.Values.Where(s => s.Outcome == StepOutcome.InFlight).ToList();
        var inFlightCompletions = completions.Where(s => s.Outcome == StepOutcome.InFlight).ToList();
        return new StoredSummary(instances.Count,
            starts.Values.Count(s => s.Outcome == StepOutcome.Acknowledged),
            completions.Count(s => s.Outcome == StepOutcome.Acknowledged),
            inFlightStarts.Count, inFlightStarts.Count(s => byKey[s.BusinessKey].Any()),
            inFlightCompletions.Count, inFlightCompletions.Count(s => completedTasks.Contains(s.TaskId!.Value)));
    }

    /// <summary>No table holds rows of an instance that does not exist (a step written in part).</summary>
    private async Task CheckNoOrphansAsync(WorkflowDbContext db)
    {
        var instances = db.Instances.Select(i => i.Id);
        var tasks = db.Tasks.Select(t => t.Id);
        // One query at a time: a context runs one command at once.
        await Orphans("tasks", db.Tasks.CountAsync(t => !instances.Contains(t.InstanceId)));
        await Orphans("task_candidates", db.TaskCandidates.CountAsync(c => !tasks.Contains(c.TaskId)));
        await Orphans("history", db.History.CountAsync(h => !instances.Contains(h.InstanceId)));
        await Orphans("timers", db.Timers.CountAsync(t => t.InstanceId != null && !instances.Contains(t.InstanceId.Value)));
        await Orphans("message_subscriptions", db.MessageSubscriptions.CountAsync(m => !instances.Contains(m.InstanceId)));
        await Orphans("external_tasks", db.ExternalTasks.CountAsync(t => !instances.Contains(t.InstanceId)));
        await Orphans("milestones", db.Milestones.CountAsync(m => !instances.Contains(m.InstanceId)));
        await Orphans("outbox", db.Outbox.CountAsync(o => o.InstanceId != null && !instances.Contains(o.InstanceId.Value)));
        await Orphans("breaches", db.Breaches.CountAsync(b => !instances.Contains(b.InstanceId)));

        async Task Orphans(string table, Task<int> count)
        {
            if (await count is var n and > 0) Problem($"{n} rows of {table} belong to no instance");
        }
    }

    private void Problem(string problem) => _problems.Add(problem);
}
