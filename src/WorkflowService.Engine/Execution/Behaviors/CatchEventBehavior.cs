using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.5.4 intermediate catch events: the token waits until the timer is due or the
/// message arrives, then leaves. (After an event-based gateway, the gateway's token waits instead:
/// see <see cref="EventBasedGatewayBehavior"/>.)
/// </summary>
internal sealed class CatchEventBehavior : ElementBehavior<IntermediateCatchEventNode>, ICancellable, ISubscriptionOwner
{
    protected override void Enter(StepContext ctx, IntermediateCatchEventNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var plan = Subscriptions.Plan(ctx, node, node.Trigger)
                   ?? throw new IncidentException("only timer and message catch events can wait");
        var wait = plan.Kind == SubscriptionKind.Timer ? WaitKind.TimerCatch : WaitKind.MessageCatch;
        Flow.Rest(ctx, new Token(tokenId, node.Id, scopeId, wait));
        Subscriptions.Open(ctx, tokenId, plan);
    }

    /// <summary>The timer is due or the message arrived: the token leaves.</summary>
    public void Fired(StepContext ctx, Token owner, Subscription fired)
    {
        ctx.Tokens.Remove(owner);
        Flow.Leave(ctx, ctx.Model.Node(owner.ElementId), owner.Id, owner.ScopeId);
    }

    /// <summary>Interrupted while waiting: the timer or message wait is withdrawn.</summary>
    public void Cancel(StepContext ctx, Token token) => Subscriptions.CloseAllOf(ctx, token.Id);
}
