using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.6.2 exclusive gateway: the first outgoing flow (in document order) whose
/// condition holds is taken, an unconditional non-default flow counting as true; if none holds,
/// the default flow. With neither, the token stops as an incident naming the gateway. Several
/// incoming flows merge without synchronisation: each arriving token passes on its own.
/// </summary>
internal sealed class ExclusiveGatewayBehavior : ElementBehavior<ExclusiveGatewayNode>
{
    protected override void Enter(StepContext ctx, ExclusiveGatewayNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        SequenceFlow? chosen = null;
        foreach (var flowId in node.Outgoing)
        {
            if (flowId == node.DefaultFlowId) continue;
            var flow = ctx.Model.Flow(flowId);
            if (flow.Condition is null || ctx.Expressions.EvaluateCondition(flow.Condition, ctx.Variables, ctx.Now))
            {
                chosen = flow;
                break;
            }
        }
        if (chosen is null && node.DefaultFlowId is { } defaultId) chosen = ctx.Model.Flow(defaultId);
        if (chosen is null)
            throw new IncidentException("no outgoing sequence flow's condition holds and there is no default flow");
        Flow.Take(ctx, node, tokenId, scopeId, [chosen]);
    }
}
