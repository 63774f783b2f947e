using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.5.3 end events. None: the token is consumed; the scope completes when it was the
/// last. Terminate: every other token of the scope ends too, then the scope completes (at process
/// level: the instance). Error and escalation: thrown to the enclosing subprocesses' boundary events.
/// </summary>
internal sealed class EndEventBehavior : ElementBehavior<EndEventNode>
{
    protected override void Enter(StepContext ctx, EndEventNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        ctx.Emit(new ElementLeft(node.Id, tokenId, ctx.Now, null));
        switch (node.Trigger)
        {
            case TerminateTrigger:
                Cancellation.CancelScopeContents(ctx, scopeId);
                break;
            case ErrorTrigger error:
                Throwing.ThrowError(ctx, null, scopeId, error.ErrorCode);
                break;
            case EscalationTrigger escalation:
                Throwing.ThrowEscalation(ctx, scopeId, escalation.EscalationCode);
                break;
        }
        if (Throwing.ScopeAlive(ctx, scopeId)) Flow.TokenEnded(ctx, scopeId);
    }
}
