using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>Dispatches a token entering a node to the behavior of the node's element type.</summary>
internal static class NodeBehaviors
{
    public static void Enter(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        switch (node)
        {
            case StartEventNode:
            case PassThroughTaskNode:
            case BoundaryEventNode: // entered only once triggered; its path starts here
                Flow.Leave(ctx, node, tokenId, scopeId);
                break;
            case EndEventNode end:
                EndEventBehavior.Enter(ctx, end, tokenId, scopeId);
                break;
            case UserTaskNode task:
                UserTaskBehavior.Enter(ctx, task, tokenId, scopeId);
                break;
            case ExternalTaskNode task:
                ExternalTaskBehavior.Enter(ctx, task, tokenId, scopeId);
                break;
            case ScriptTaskNode task:
                ScriptTaskBehavior.Enter(ctx, task, tokenId, scopeId);
                break;
            case SubProcessNode sub:
                SubProcessBehavior.Enter(ctx, sub, tokenId, scopeId);
                break;
            case ExclusiveGatewayNode gateway:
                ExclusiveGatewayBehavior.Enter(ctx, gateway, tokenId, scopeId);
                break;
            case ParallelGatewayNode gateway:
                ParallelGatewayBehavior.Enter(ctx, gateway, tokenId, scopeId, viaFlowId);
                break;
            case EventBasedGatewayNode gateway:
                EventBasedGatewayBehavior.Enter(ctx, gateway, tokenId, scopeId);
                break;
            case IntermediateCatchEventNode catchEvent:
                CatchEventBehavior.Enter(ctx, catchEvent, tokenId, scopeId);
                break;
            case IntermediateThrowEventNode throwEvent:
                ThrowEventBehavior.Enter(ctx, throwEvent, tokenId, scopeId);
                break;
            default:
                throw new InvalidOperationException($"No behavior for {node.Describe()} ({node.GetType().Name})");
        }
    }
}
