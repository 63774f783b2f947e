using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Runtime.Definitions;

/// <summary>
/// A process may only name business calendars that exist when it is published: a typo would
/// otherwise surface as an incident on every instance, long after the owner left the designer.
/// </summary>
public static class CalendarReferences
{
    public static IReadOnlyList<BpmnDiagnostic> Check(ProcessModel model, ICalendarSource calendars)
    {
        var problems = new List<BpmnDiagnostic>();
        var checkedNames = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Known(string name) => checkedNames.TryGetValue(name, out var known)
            ? known
            : checkedNames[name] = calendars.Find(name) is not null;

        if (model.Properties.GetValueOrDefault(SlaProperties.Calendar)?.Trim() is { Length: > 0 } processDefault
            && !string.Equals(processDefault, SlaProperties.RealTime, StringComparison.OrdinalIgnoreCase) && !Known(processDefault))
            problems.Add(new BpmnDiagnostic(model.Key, "process", model.Line,
                $"Process '{model.Key}' counts its timers in business calendar '{processDefault}', which is not defined; define it first (Admin → Calendars) or correct the name"));
        foreach (var node in model.Nodes)
        {
            if (node.Properties.GetValueOrDefault(SlaProperties.Calendar)?.Trim() is not { Length: > 0 } name
                || string.Equals(name, SlaProperties.RealTime, StringComparison.OrdinalIgnoreCase) || Known(name))
                continue;
            problems.Add(new BpmnDiagnostic(node.Id, node.ElementType, node.Line,
                $"{node.Describe()} counts in business calendar '{name}', which is not defined; define it first (Admin → Calendars) or correct the name"));
        }
        return problems;
    }
}
