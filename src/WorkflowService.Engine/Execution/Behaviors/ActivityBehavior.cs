using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.3 activities a token waits on: user tasks, external tasks, embedded subprocesses.
/// Their timer and message boundary events (§10.5.5) listen exactly while the token rests there:
/// armed on entering, disarmed when the activity completes or is cancelled; a firing goes to the
/// boundary event.
/// </summary>
internal abstract class ActivityBehavior<TNode> : ElementBehavior<TNode>, ICancellable, ISubscriptionOwner
    where TNode : ActivityNode
{
    public abstract void Cancel(StepContext ctx, Token token);

    public void Fired(StepContext ctx, Token owner, Subscription fired) => BoundaryEventBehavior.Fired(ctx, owner, fired);

    /// <summary>The activity's work is done (<paramref name="by"/> whom): its boundary events stop listening and the token leaves.</summary>
    protected static void Complete(StepContext ctx, Token token, string? by)
    {
        ctx.Tokens.Remove(token);
        BoundaryEventBehavior.Disarm(ctx, token);
        Flow.Leave(ctx, ctx.Model.Node(token.ElementId), token.Id, token.ScopeId, by);
    }
}
