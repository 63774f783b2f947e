using Microsoft.Extensions.Logging;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Messages;

public sealed record MessageRequest(
    string Name,
    string? BusinessKey = null,
    Guid? InstanceId = null,
    IReadOnlyDictionary<string, JsonElement>? CorrelationKeys = null,
    IReadOnlyDictionary<string, JsonElement>? Variables = null,
    string? SentBy = null,
    Caller? Caller = null);

public sealed record MessageResult(Guid InstanceId, bool StartedInstance);

/// <summary>
/// Delivers a message by name to the instance waiting for it, matched by instance id, business
/// key or correlation variables (all given must match); if nobody waits, a process with a
/// message start event of that name is started. Several instances matching is refused: the
/// sender must say which one.
/// With a <see cref="MessageRequest.Caller"/>, only instances the caller can see
/// (<see cref="InstanceVisibility"/>) are candidates, and a start needs the process's starter
/// lists to allow the caller; without one the message comes from the system itself.
/// </summary>
public sealed class MessageCorrelator(WorkflowDbFactory dbFactory, DefinitionCache definitions, InstanceRunner runner,
    ILogger<MessageCorrelator> logger)
{
    public async Task<MessageResult> CorrelateAsync(MessageRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new ValidationException("A message needs a name", [new ValidationError("required", "name", "required")]);

        var target = await FindWaitingAsync(request, ct);
        if (target is not null)
        {
            var variables = VariableMap.Empty.SetItems(request.Variables ?? VariableMap.Empty);
            var outcome = await runner.HandleAsync(target.Value.InstanceId, async scope =>
            {
                var sub = (await scope.Subscriptions.WhereAsync(m => m.SubscriptionId == target.Value.SubscriptionId, ct)).SingleOrDefault()
                          ?? throw new ConflictException($"Message '{request.Name}' was taken by another sender first");
                // A row whose subscription the state no longer has is stale: it goes, and the event is
                // ignored. Otherwise the runner drops the row after the step if the subscription was
                // consumed; a non-interrupting boundary event keeps it for the next message.
                if (scope.State.Subscriptions.All(s => s.Id != sub.SubscriptionId)) scope.Subscriptions.Remove(sub);
                return new MessageReceived(sub.SubscriptionId, variables) { At = scope.Now };
            }, ct);
            if (outcome.Ignored) throw new ConflictException($"Message '{request.Name}' no longer applies: {outcome.IgnoredReason}");
            return new MessageResult(target.Value.InstanceId, false);
        }

        var starter = await FindMessageStartAsync(request.Name, ct)
                      ?? throw new NotFoundException(Describe(request));
        var started = await runner.StartAsync(starter.Key, request.BusinessKey, request.Variables,
            request.SentBy ?? request.Caller?.UserName, starter.StartEventId, startingAs: request.Caller, ct: ct);
        return new MessageResult(started.Instance.Id, true);
    }

    private async Task<(Guid InstanceId, int SubscriptionId)?> FindWaitingAsync(MessageRequest request, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var query = db.MessageSubscriptions.AsNoTracking().Where(m => m.MessageName == request.Name);
        if (request.InstanceId is { } id) query = query.Where(m => m.InstanceId == id);
        if (request.BusinessKey is { } key) query = query.Where(m => m.BusinessKey == key);
        query = query.OrderBy(m => m.CreatedAt).ThenBy(m => m.SubscriptionId);
        var candidates = request.CorrelationKeys is { Count: > 0 } keys
            ? await OldestMatchingAsync(db, query, keys, ct)
            : await query.Take(PageSize).ToListAsync(ct);
        if (candidates.Count == 0) return null;
        if (request.Caller is { } caller)
        {
            var ids = candidates.Select(c => c.InstanceId).Distinct().ToList();
            var visible = await db.Instances.VisibleTo(db, caller).Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
            candidates = candidates.Where(c => visible.Contains(c.InstanceId)).ToList();
            // Someone waits, where the caller may not see: the same 404 as for nobody, and never a
            // second instance started by the message's start event in its place.
            if (candidates.Count == 0) throw new NotFoundException(Describe(request));
        }

        var untargeted = request.InstanceId is null && request.BusinessKey is null && request.CorrelationKeys is not { Count: > 0 };
        if (untargeted && candidates.Select(c => c.InstanceId).Distinct().Count() > 1)
            throw new ConflictException(
                $"Message '{request.Name}' matches {candidates.Select(c => c.InstanceId).Distinct().Count()} instances; give a businessKey, instanceId or correlationKeys");
        return (candidates[0].InstanceId, candidates[0].SubscriptionId);
    }

    private const int PageSize = 200;

    /// <summary>
    /// The waiting subscriptions, oldest first, whose instance's variables equal every correlation
    /// key: read a page at a time until one matches (variables live in the state JSON, so they are
    /// compared here rather than in SQL, and however many instances wait, all are searched).
    /// </summary>
    private static async Task<List<MessageSubscriptionRecord>> OldestMatchingAsync(WorkflowDbContext db,
        IQueryable<MessageSubscriptionRecord> waiting, IReadOnlyDictionary<string, JsonElement> keys, CancellationToken ct)
    {
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await waiting.Skip(skip).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) return [];
            var ids = page.Select(c => c.InstanceId).Distinct().ToList();
            var variables = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => InstanceStateJson.Deserialize(i.StateJson).Variables, ct);
            var matching = page.Where(c => keys.All(k =>
                variables[c.InstanceId].TryGetValue(k.Key, out var v) && JsonElement.DeepEquals(v, k.Value))).ToList();
            if (matching.Count > 0) return matching;
        }
    }

    private async Task<(string Key, string StartEventId)?> FindMessageStartAsync(string name, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(x => x.Key == d.Key).Max(x => x.Version))
            .ToListAsync(ct);
        foreach (var definition in latest.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            ProcessModel model;
            try
            {
                model = definitions.GetOrParse(definition);
            }
            catch (InvalidOperationException ex)
            {
                // One version the engine cannot read any more must not stop every other process's messages.
                logger.VersionSkipped(ex, name, definition.Key, definition.Version);
                continue;
            }
            var start = model.StartEventsOf(ProcessModel.RootScope)
                .FirstOrDefault(s => s.Trigger is MessageTrigger m && m.MessageName == name);
            if (start is not null) return (definition.Key, start.Id);
        }
        return null;
    }

    private static string Describe(MessageRequest r) =>
        $"Nothing waits for message '{r.Name}'" +
        (r.BusinessKey is null ? "" : $" with business key '{r.BusinessKey}'") +
        (r.InstanceId is null ? "" : $" in instance {r.InstanceId}") +
        " and no process starts with it";
}
