using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.3.3 abstract and manual tasks, and start events (§10.5.2) once the instance or
/// subprocess has started: no work the engine does, so the token leaves at once.
/// </summary>
internal sealed class PassThroughBehavior : ElementBehavior
{
    public override void Enter(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? viaFlowId) =>
        Flow.Leave(ctx, node, tokenId, scopeId);
}
