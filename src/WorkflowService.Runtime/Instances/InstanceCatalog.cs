using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// An instance's diagram: the BPMN XML of the version it runs on, the elements its tokens have
/// left and the sequence flows between them (a flow counts as taken when its source was left
/// and its target entered; history records elements, not flows), and the names of its elements.
/// </summary>
public sealed record InstanceDiagram(string Xml, IReadOnlyList<string> CompletedElementIds, IReadOnlyList<string> TakenFlowIds,
    IReadOnlyDictionary<string, string> ElementNames);

/// <summary>
/// A message an instance put in the outbox (an email), as a record that shows what its process did reads it: what kind,
/// whether it went out and when, to whom and about what (from the payload; null where the payload does not say).
/// </summary>
/// <param name="Status">An <see cref="OutboxStatus"/>'s name: Pending (to be sent or retried), Sent, Failed.</param>
/// <param name="To">The recipients as the send task listed them (user names, groups or addresses).</param>
public sealed record OutboxMessageView(Guid Id, string Kind, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    int Attempts, string? LastError, IReadOnlyList<string> To, string? Subject, string? Template);

/// <summary>Read-only lookups for the instance and breach views.</summary>
public sealed class InstanceCatalog(WorkflowDbFactory dbFactory, DefinitionCache definitions, BpmnParser parser)
{
    /// <summary>
    /// The diagram of an instance from its history, which the caller has read already (<see cref="InstanceService.HistoryAsync"/>,
    /// with the caller's visibility check), so that a page showing both reads the history once.
    /// </summary>
    public async Task<InstanceDiagram> DiagramAsync(Guid instanceId, IReadOnlyList<InstanceHistoryEntry> steps,
        CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var definitionId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => (int?)i.DefinitionId)
                               .SingleOrDefaultAsync(ct)
                           ?? throw new NotFoundException($"Instance {instanceId} does not exist");
        var definition = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == definitionId, ct);
        var model = definitions.GetOrParse(definition);
        var entered = steps.Where(s => s.Event == HistoryEvent.Entered).Select(s => s.ElementId).ToHashSet(StringComparer.Ordinal);
        var left = steps.Where(s => s.Event == HistoryEvent.Left || s.Event == HistoryEvent.Interrupted).Select(s => s.ElementId)
            .Where(id => model.TryGetNode(id, out _)).ToHashSet(StringComparer.Ordinal);
        var flows = model.Flows.Where(f => left.Contains(f.SourceId) && entered.Contains(f.TargetId)).Select(f => f.Id);
        // Named in the reader's language, as the instance's own version writes it.
        var language = ProcessTexts.Language;
        var names = model.Nodes.Select(n => (n.Id, Name: n.NameIn(language))).Where(n => n.Name is not null)
            .ToDictionary(n => n.Id, n => n.Name!, StringComparer.Ordinal);
        return new InstanceDiagram(parser.TranslateNames(definition.Xml, language), [.. left.Order(StringComparer.Ordinal)],
            [.. flows.Order(StringComparer.Ordinal)], names);
    }

    /// <summary>
    /// The messages <paramref name="instanceId"/> put in the outbox, oldest first (at most 500), whoever may see the instance:
    /// for a record that shows its process's emails, through the outbox's (InstanceId, CreatedAt) index.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessageView>> OutboxOfAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).OrderBy(o => o.CreatedAt).Take(500).ToListAsync(ct);
        return rows.Select(ToView).ToList();
    }

    private static OutboxMessageView ToView(OutboxMessage row)
    {
        MailPayload? mail = null;
        if (row.Kind == MailPayload.Kind)
        {
            try { mail = MailPayload.Deserialize(row.PayloadJson); }
            catch (JsonException) { } // A row the sender will fail on anyway: shown without recipients.
        }
        // A group robot's message (issue 15): its title as the subject, the robot as the recipient.
        if (row.Kind == Notifications.Robots.RobotPayload.Kind)
        {
            Notifications.Robots.RobotPayload? robot = null;
            try { robot = Notifications.Robots.RobotPayload.Deserialize(row.PayloadJson); }
            catch (JsonException) { }
            return new OutboxMessageView(row.Id, row.Kind, row.Status, row.CreatedAt, row.SentAt, row.Attempts, row.LastError,
                robot is null ? [] : [robot.Robot], robot?.Title, robot is null ? null : $"robot-{robot.Event}");
        }
        return new OutboxMessageView(row.Id, row.Kind, row.Status, row.CreatedAt, row.SentAt, row.Attempts, row.LastError,
            [.. mail?.To ?? [], .. mail?.Cc ?? []], mail?.Subject, mail?.Template);
    }

    /// <summary>
    /// Instances of <paramref name="definitionKey"/> whose string variable <paramref name="variable"/> is one of
    /// <paramref name="values"/> (exactly), newest first, at most <paramref name="take"/>, with their variables, whoever may
    /// see them: e.g. the hotline calls from a customer's numbers. Variables live in the state's JSON, which no index
    /// covers: the instances of that process are read through (narrowed by the process's index and a text match on the
    /// state), fine for thousands of calls; an indexed variable table is the fix when there are far more.
    /// </summary>
    public async Task<IReadOnlyList<(InstanceHeader Instance, IReadOnlyDictionary<string, JsonElement> Variables)>> WithVariableAsync(
        string definitionKey, string variable, IReadOnlyCollection<string> values, int take = 200, CancellationToken ct = default)
    {
        var wanted = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return [];
        await using var db = dbFactory.Create();
        var found = new Dictionary<Guid, (InstanceHeader, IReadOnlyDictionary<string, JsonElement>)>();
        foreach (var value in wanted)
        {
            var rows = await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == definitionKey && i.StateJson.Contains(value))
                .OrderByDescending(i => i.StartedAt).Take(take).Select(i => new { Header = i, i.StateJson }).ToListAsync(ct);
            foreach (var row in rows)
            {
                var variables = InstanceStateJson.Deserialize(row.StateJson).Variables;
                if (variables.TryGetValue(variable, out var v) && v.ValueKind == JsonValueKind.String && wanted.Contains(v.GetString()!))
                    found[row.Header.Id] = (InstanceHeader.From(row.Header), variables);
            }
        }
        return found.Values.OrderByDescending(f => f.Item1.StartedAt).Take(take).ToList();
    }

    /// <summary>The rules that have been breached at least once.</summary>
    /// <summary>
    /// The status of each of these instances, whoever may see them: for a record that names its instance (a work
    /// order) and shows or filters by where its process stands. An id that names no instance is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> StatusesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken ct = default)
    {
        if (instanceIds.Count == 0) return new Dictionary<Guid, string>();
        await using var db = dbFactory.Create();
        return await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).Select(i => new { i.Id, i.Status })
            .ToDictionaryAsync(i => i.Id, i => i.Status, ct);
    }

    /// <summary>Instances of a process whose business key starts with <paramref name="prefix"/>, newest first (at most 500).</summary>
    public async Task<IReadOnlyList<InstanceHeader>> WithKeyPrefixAsync(string definitionKey, string prefix, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == definitionKey && i.BusinessKey != null && i.BusinessKey.StartsWith(prefix))
            .OrderByDescending(i => i.StartedAt).Take(500).Select(InstanceHeader.FromRow).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> BreachedRulesAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Breaches.AsNoTracking().Select(b => b.Rule).Distinct().OrderBy(r => r).ToListAsync(ct);
    }

    /// <summary>Which of <paramref name="instanceIds"/> broke <paramref name="rule"/> at least once: one query for a whole list.</summary>
    public async Task<IReadOnlySet<Guid>> BreachedAsync(IReadOnlyCollection<Guid> instanceIds, string rule, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var breached = await db.Breaches.AsNoTracking().Where(b => b.Rule == rule && instanceIds.Contains(b.InstanceId))
            .Select(b => b.InstanceId).Distinct().ToListAsync(ct);
        return breached.ToHashSet();
    }
}
