using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Deploy-time rules about how the read nodes connect: flows resolve within one scope, each scope
/// can start, events are entered and left the way BPMN allows, boundary events sit on an
/// activity of their own scope. Gateways have <see cref="GatewayRules"/>. Every problem is
/// reported; the result is the nodes with their incoming and outgoing flow ids filled in.
/// </summary>
internal static class StructureValidator
{
    public static (List<FlowNode> Nodes, List<SequenceFlow> Flows) Validate(ProcessDraft draft, DiagnosticBag diagnostics)
    {
        var nodes = draft.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var graph = new ProcessGraph(draft, nodes, ResolveFlows(draft, nodes, diagnostics));

        CheckStartEvents(graph, diagnostics);
        foreach (var node in draft.Nodes)
        {
            CheckConnections(node, graph, diagnostics);
            if (node is BoundaryEventNode boundary) CheckAttachment(boundary, graph, diagnostics);
        }
        GatewayRules.Check(graph, diagnostics);

        var connected = draft.Nodes.Select(n => n with
        {
            Incoming = [.. graph.Incoming(n.Id).Select(f => f.Id)],
            Outgoing = [.. graph.Outgoing(n.Id).Select(f => f.Id)],
        }).ToList();
        return (connected, graph.Flows);
    }

    /// <summary>
    /// Keeps the flows whose ends are nodes of one scope. A flow into a refused element is dropped
    /// silently: that element's own error already explains the problem.
    /// </summary>
    private static List<SequenceFlow> ResolveFlows(ProcessDraft draft, Dictionary<string, FlowNode> nodes, DiagnosticBag diagnostics)
    {
        var resolved = new List<SequenceFlow>(draft.Flows.Count);
        foreach (var flow in draft.Flows)
        {
            var source = End(flow, flow.SourceId, "starts at", draft, nodes, diagnostics);
            var target = End(flow, flow.TargetId, "ends at", draft, nodes, diagnostics);
            if (source is null || target is null) continue;
            if (source.ParentId != target.ParentId)
            {
                diagnostics.Error(flow,
                    $"Sequence flow '{flow.Id}' crosses a subprocess boundary from {ElementLabels.DescribeInline(source)} to {ElementLabels.DescribeInline(target)}; connect the subprocess itself, or use its start and end events");
                continue;
            }
            resolved.Add(flow);
        }
        return resolved;
    }

    private static FlowNode? End(SequenceFlow flow, string id, string verb, ProcessDraft draft,
        Dictionary<string, FlowNode> nodes, DiagnosticBag diagnostics)
    {
        if (nodes.TryGetValue(id, out var node)) return node;
        if (!draft.IsRefused(id))
        {
            diagnostics.Error(flow,
                $"Sequence flow '{flow.Id}' {verb} '{id}', which is not a flow node of process '{draft.Id}'");
        }
        return null;
    }

    private static void CheckStartEvents(ProcessGraph graph, DiagnosticBag diagnostics)
    {
        var draft = graph.Draft;
        var refusedStarts = draft.RefusedElements.Where(r => r.LocalName == "startEvent").Select(r => r.ParentId).ToHashSet();
        var startsByScope = draft.Nodes.OfType<StartEventNode>().ToLookup(s => s.ParentId ?? ProcessModel.RootScope);

        var rootStarts = startsByScope[ProcessModel.RootScope].ToList();
        if (rootStarts.Count == 0 && !refusedStarts.Contains(null))
        {
            diagnostics.Error(draft.Element,
                $"Process '{draft.Id}' has no start event; add a none, message or timer start event");
        }
        var noneStarts = rootStarts.Where(s => s.Trigger is NoneTrigger).ToList();
        foreach (var extra in noneStarts.Skip(1))
        {
            diagnostics.Error(extra,
                $"Process '{draft.Id}' has more than one none start event ('{noneStarts[0].Id}' and '{extra.Id}'); keep one, or give the others a message or timer trigger");
        }

        foreach (var subProcess in draft.Nodes.OfType<SubProcessNode>())
        {
            if (refusedStarts.Contains(subProcess.Id)) continue;
            var count = startsByScope[subProcess.Id].Count();
            if (count == 1) continue;
            diagnostics.Error(subProcess, count == 0
                ? $"Subprocess '{subProcess.Id}' has no start event; add one none start event"
                : $"Subprocess '{subProcess.Id}' has {count} start events; keep exactly one none start event");
        }
    }

    private static void CheckConnections(FlowNode node, ProcessGraph graph, DiagnosticBag diagnostics)
    {
        var incoming = graph.Incoming(node.Id).Count;
        var outgoing = graph.Outgoing(node.Id).Count;
        switch (node)
        {
            case StartEventNode when incoming > 0:
                diagnostics.Error(node, $"Start event '{node.Id}' has an incoming sequence flow; nothing can flow into a start event");
                break;
            case EndEventNode when outgoing > 0:
                diagnostics.Error(node, $"End event '{node.Id}' has an outgoing sequence flow; a path ends at an end event");
                break;
            case BoundaryEventNode when incoming > 0:
                diagnostics.Error(node, $"Boundary event '{node.Id}' has an incoming sequence flow; it is triggered only by its event");
                break;
            case BoundaryEventNode when outgoing == 0:
                diagnostics.Error(node, $"Boundary event '{node.Id}' has no outgoing sequence flow; connect it to the path to take when it fires");
                break;
            case StartEventNode or BoundaryEventNode:
                break;
            default:
                if (incoming == 0 && !HasRefusedSource(node, graph))
                    diagnostics.Warning(node, $"{ElementLabels.Describe(node)} has no incoming sequence flow; it can never be reached");
                break;
        }
    }

    /// <summary>A node whose only incoming flows come from refused elements is not unreachable by design.</summary>
    private static bool HasRefusedSource(FlowNode node, ProcessGraph graph) =>
        graph.Draft.Flows.Any(f => f.TargetId == node.Id && graph.Draft.IsRefused(f.SourceId));

    private static void CheckAttachment(BoundaryEventNode boundary, ProcessGraph graph, DiagnosticBag diagnostics)
    {
        if (!graph.Nodes.TryGetValue(boundary.AttachedToId, out var host))
        {
            if (!graph.Draft.IsRefused(boundary.AttachedToId))
            {
                diagnostics.Error(boundary,
                    $"Boundary event '{boundary.Id}' is attached to '{boundary.AttachedToId}', which is not an activity of process '{graph.Draft.Id}'");
            }
            return;
        }
        if (host is not ActivityNode)
        {
            diagnostics.Error(boundary,
                $"Boundary event '{boundary.Id}' is attached to {ElementLabels.DescribeInline(host)}; boundary events can only be attached to tasks and subprocesses");
        }
        else if (host.ParentId != boundary.ParentId)
        {
            diagnostics.Error(boundary,
                $"Boundary event '{boundary.Id}' is attached to {ElementLabels.DescribeInline(host)} in another scope; place the boundary event next to the activity it watches");
        }
    }
}
