using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Deploy-time rules for gateways. An exclusive gateway must always be able to choose: every
/// non-default branch has a condition, and the default flow is its own and unconditional. Flows
/// out of parallel and event-based gateways are all taken (or raced), so conditions there are
/// dropped with a warning rather than kept where the interpreter would ignore them.
/// </summary>
internal static class GatewayRules
{
    public static void Check(ProcessGraph graph, DiagnosticBag diagnostics)
    {
        foreach (var node in graph.Nodes.Values)
        {
            switch (node)
            {
                case ExclusiveGatewayNode exclusive:
                    CheckExclusive(exclusive, graph, diagnostics);
                    break;
                case ParallelGatewayNode:
                    DropConditions(node, graph, diagnostics, "every flow out of a parallel gateway is taken");
                    break;
                case EventBasedGatewayNode eventBased:
                    CheckEventBased(eventBased, graph, diagnostics);
                    DropConditions(node, graph, diagnostics, "an event-based gateway follows the first event that occurs");
                    break;
            }
        }
    }

    private static void CheckExclusive(ExclusiveGatewayNode gateway, ProcessGraph graph, DiagnosticBag diagnostics)
    {
        var outgoing = graph.Outgoing(gateway.Id);
        if (outgoing.Count == 0 && !graph.Draft.Flows.Any(f => f.SourceId == gateway.Id))
        {
            diagnostics.Error(gateway, $"Exclusive gateway '{gateway.Id}' has no outgoing sequence flow");
            return;
        }

        if (gateway.DefaultFlowId is { } defaultId)
        {
            // Look among all flows read, so that a default flow leading to a refused element is
            // not also reported as missing.
            var defaultFlow = graph.Draft.Flows.FirstOrDefault(f => f.Id == defaultId);
            if (defaultFlow is null || defaultFlow.SourceId != gateway.Id)
            {
                diagnostics.Error(gateway,
                    $"The default flow '{defaultId}' of exclusive gateway '{gateway.Id}' is not one of its outgoing sequence flows");
            }
            else if (defaultFlow.Condition is not null)
            {
                diagnostics.Error(defaultFlow,
                    $"Sequence flow '{defaultId}' is the default flow of exclusive gateway '{gateway.Id}' and must not have a condition; remove the condition");
            }
        }

        if (outgoing.Count < 2) return;
        foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != gateway.DefaultFlowId))
        {
            diagnostics.Error(flow,
                $"Sequence flow '{flow.Id}' leaves exclusive gateway '{gateway.Id}' without a condition; add a condition or make it the gateway's default flow");
        }
    }

    private static void CheckEventBased(EventBasedGatewayNode gateway, ProcessGraph graph, DiagnosticBag diagnostics)
    {
        var outgoing = graph.Outgoing(gateway.Id);
        var written = graph.Draft.Flows.Count(f => f.SourceId == gateway.Id);
        if (written < 2)
        {
            diagnostics.Error(gateway,
                $"Event-based gateway '{gateway.Id}' has {written} outgoing sequence flow{(written == 1 ? "" : "s")}; it needs at least two, each to a timer or message intermediate catch event");
        }
        foreach (var flow in outgoing)
        {
            var target = graph.Nodes[flow.TargetId];
            if (target is IntermediateCatchEventNode { Trigger: TimerTrigger or MessageTrigger }) continue;
            diagnostics.Error(gateway,
                $"Event-based gateway '{gateway.Id}' leads to {ElementLabels.DescribeInline(target)}; it may only lead to timer or message intermediate catch events");
        }
    }

    private static void DropConditions(FlowNode gateway, ProcessGraph graph, DiagnosticBag diagnostics, string because)
    {
        foreach (var flow in graph.Outgoing(gateway.Id).Where(f => f.Condition is not null))
        {
            diagnostics.Warning(flow,
                $"The condition of sequence flow '{flow.Id}' is ignored: {because} ({ElementLabels.DescribeInline(gateway)})");
            graph.Replace(flow with { Condition = null });
        }
    }
}
