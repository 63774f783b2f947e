using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// What a token does at a node of one element type. Stateless: one instance serves every
/// instance and model (see <see cref="NodeBehaviors"/>). A behavior whose tokens rest at its node
/// also implements the hooks for what moves or ends them (<see cref="ICancellable"/>,
/// <see cref="ISubscriptionOwner"/>, <see cref="IHandles{TEvent}"/>, <see cref="IScopeHost"/>),
/// so the whole life of an element is read in one file.
/// </summary>
internal abstract class ElementBehavior
{
    /// <summary>
    /// A token arrives (along <paramref name="viaFlowId"/>, if any). Throws
    /// <see cref="IncidentException"/> before emitting anything when the element cannot run.
    /// </summary>
    public abstract void Enter(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? viaFlowId);
}

/// <summary>A behavior for nodes of type <typeparamref name="TNode"/>.</summary>
internal abstract class ElementBehavior<TNode> : ElementBehavior where TNode : FlowNode
{
    public sealed override void Enter(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? viaFlowId) =>
        Enter(ctx, (TNode)node, tokenId, scopeId, viaFlowId);

    protected abstract void Enter(StepContext ctx, TNode node, int tokenId, int scopeId, string? viaFlowId);
}
