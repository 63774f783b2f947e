using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// An instance's diagram: the BPMN XML of the version it runs on, the elements its tokens have
/// left and the sequence flows between them (a flow counts as taken when its source was left
/// and its target entered; history records elements, not flows), and the names of its elements.
/// </summary>
public sealed record InstanceDiagram(string Xml, IReadOnlyList<string> CompletedElementIds, IReadOnlyList<string> TakenFlowIds,
    IReadOnlyDictionary<string, string> ElementNames);

/// <summary>A deployed process, for pick lists.</summary>
public sealed record ProcessSummary(string Key, string? Name);

/// <summary>Read-only lookups for the instance and breach views.</summary>
public sealed class InstanceCatalog(WorkflowDbFactory dbFactory, DefinitionCache definitions)
{
    public async Task<InstanceDiagram> DiagramAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var definitionId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => (int?)i.DefinitionId)
                               .SingleOrDefaultAsync(ct)
                           ?? throw new NotFoundException($"Instance {instanceId} does not exist");
        var definition = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == definitionId, ct);
        var model = definitions.GetOrParse(definition);
        var steps = await db.History.AsNoTracking().Where(h => h.InstanceId == instanceId)
            .Select(h => new { h.ElementId, h.Event }).ToListAsync(ct);
        var entered = steps.Where(s => s.Event == HistoryEvent.Entered).Select(s => s.ElementId).ToHashSet(StringComparer.Ordinal);
        var left = steps.Where(s => s.Event == HistoryEvent.Left || s.Event == HistoryEvent.Interrupted).Select(s => s.ElementId)
            .Where(id => model.TryGetNode(id, out _)).ToHashSet(StringComparer.Ordinal);
        var flows = model.Flows.Where(f => left.Contains(f.SourceId) && entered.Contains(f.TargetId)).Select(f => f.Id);
        var names = model.Nodes.Where(n => n.Name is not null).ToDictionary(n => n.Id, n => n.Name!, StringComparer.Ordinal);
        return new InstanceDiagram(definition.Xml, [.. left.Order(StringComparer.Ordinal)], [.. flows.Order(StringComparer.Ordinal)], names);
    }

    /// <summary>Every deployed process with the name of its latest version.</summary>
    public async Task<IReadOnlyList<ProcessSummary>> ProcessesAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(x => x.Key == d.Key).Max(x => x.Version))
            .OrderBy(d => d.Key).Select(d => new ProcessSummary(d.Key, d.Name)).ToListAsync(ct);
    }

    /// <summary>The rules that have been breached at least once.</summary>
    public async Task<IReadOnlyList<string>> BreachedRulesAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Breaches.AsNoTracking().Select(b => b.Rule).Distinct().OrderBy(r => r).ToListAsync(ct);
    }
}
