using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.6.6 event-based gateway: the token waits at the gateway for whichever of the
/// following catch events (timer or message) happens first; that path is taken and the other
/// waits are cancelled.
/// </summary>
internal sealed class EventBasedGatewayBehavior : ElementBehavior<EventBasedGatewayNode>, ICancellable, ISubscriptionOwner
{
    protected override void Enter(StepContext ctx, EventBasedGatewayNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var plans = new List<PlannedSubscription>();
        foreach (var flowId in node.Outgoing)
        {
            var target = ctx.Model.Node(ctx.Model.Flow(flowId).TargetId);
            if (target is not IntermediateCatchEventNode catchEvent || Subscriptions.Plan(ctx, catchEvent, catchEvent.Trigger) is not { } plan)
                throw new IncidentException($"{target.Describe()} after the gateway is not a timer or message catch event");
            plans.Add(plan);
        }
        Flow.Rest(ctx, new Token(tokenId, node.Id, scopeId, WaitKind.EventGateway));
        foreach (var plan in plans) Subscriptions.Open(ctx, tokenId, plan);
    }

    /// <summary>
    /// One event happened first: the others are withdrawn, the token leaves the gateway and passes
    /// through the catch event that won (entered as a token of its own, for history).
    /// </summary>
    public void Fired(StepContext ctx, Token owner, Subscription fired)
    {
        ctx.Tokens.Remove(owner);
        Subscriptions.CloseAllOf(ctx, owner.Id);
        ctx.Emit(new ElementLeft(owner.ElementId, owner.Id, ctx.Now, null));
        var winner = ctx.Model.Node(fired.EventElementId);
        var tokenId = ctx.NewId();
        ctx.Emit(new ElementEntered(winner.Id, tokenId, ctx.Now));
        Flow.Leave(ctx, winner, tokenId, owner.ScopeId);
    }

    /// <summary>Interrupted while waiting: every event's wait is withdrawn.</summary>
    public void Cancel(StepContext ctx, Token token) => Subscriptions.CloseAllOf(ctx, token.Id);
}
