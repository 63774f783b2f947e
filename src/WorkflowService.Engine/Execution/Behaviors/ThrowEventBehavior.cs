using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.5.4 intermediate throw events. None: passes through. Escalation: raised to the
/// enclosing subprocesses; the thrower goes on unless the catch interrupted its own scope.
/// </summary>
internal sealed class ThrowEventBehavior : ElementBehavior<IntermediateThrowEventNode>
{
    protected override void Enter(StepContext ctx, IntermediateThrowEventNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        if (node.Trigger is EscalationTrigger escalation)
        {
            Throwing.ThrowEscalation(ctx, scopeId, escalation.EscalationCode);
            if (!Throwing.ScopeAlive(ctx, scopeId))
            {
                ctx.Emit(new ElementLeft(node.Id, tokenId, ctx.Now, null, Interrupted: true));
                return;
            }
        }
        Flow.Leave(ctx, node, tokenId, scopeId);
    }
}
