using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Milestones;

/// <summary>
/// Keeps the milestones a step reaches, in the step's transaction: for each element the step left normally that a
/// registered milestone names, the milestone's row, unless the instance reached it before. Runs after the step's other
/// rows are saved, so a breach recorded in the same step already marks the new row.
/// </summary>
internal static class MilestoneWriter
{
    public static async Task WriteAsync(StepScope scope, MilestoneRegistry registry, CancellationToken ct)
    {
        if (registry.IsEmpty) return;
        string left = HistoryEvent.Left;
        var reached = new Dictionary<string, (MilestoneDefinition Definition, HistoryRecord Row)>();
        foreach (var row in scope.History)
        {
            if (row.Event != left) continue;
            foreach (var definition in registry.Of(scope.Instance.DefinitionKey, row.ElementId))
                reached.TryAdd(definition.Name, (definition, row));
        }
        if (reached.Count == 0) return;

        var id = scope.Instance.Id;
        var names = reached.Keys.ToList();
        var known = await scope.Db.Milestones.AsNoTracking().Where(m => m.InstanceId == id && names.Contains(m.Name))
            .Select(m => m.Name).ToListAsync(ct);
        foreach (var (name, (definition, row)) in reached)
        {
            if (known.Contains(name)) continue;
            var breached = definition.Rule is { } rule && await scope.Db.Breaches.AnyAsync(b => b.InstanceId == id && b.Rule == rule, ct);
            var value = definition.Variable is { } variable && scope.State.Variables.TryGetValue(variable, out var v) ? v : (JsonElement?)null;
            scope.Db.Milestones.Add(Record(id, definition, scope.Instance.DefinitionKey, row.ElementId, row.At, breached, value));
        }
        // With the step's kept statements on SQLite, as the step's other rows (SaveChanges elsewhere).
        await StepRowWriter.SaveAsync(scope.Db, ct);
    }

    public static MilestoneRecord Record(Guid instanceId, MilestoneDefinition definition, string definitionKey, string elementId,
        DateTimeOffset at, bool breached, JsonElement? value) => new()
    {
        InstanceId = instanceId, Name = definition.Name, DefinitionKey = definitionKey, ElementId = elementId, At = at,
        Rule = definition.Rule, Breached = breached, Value = value?.GetRawText(), Number = value is { } json ? NumberOf(json) : null,
    };

    /// <summary>A JSON number, or a string holding one (a form's answer may come as text), as a number; otherwise null.</summary>
    public static double? NumberOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                                  && double.IsFinite(number) => number,
        _ => null,
    };
}
