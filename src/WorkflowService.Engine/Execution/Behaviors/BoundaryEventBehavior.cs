using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.5.5 (boundary events): an event attached to an activity listens while the
/// activity runs. Timer and message boundary events subscribe when the activity starts and
/// stop when it ends; error and escalation boundary events are found when something is thrown
/// (<see cref="Throwing"/>). An interrupting event cancels the activity; a non-interrupting one
/// starts a parallel path. Once triggered, the event's own node is entered and its path starts.
/// </summary>
internal sealed class BoundaryEventBehavior : ElementBehavior<BoundaryEventNode>
{
    protected override void Enter(StepContext ctx, BoundaryEventNode node, int tokenId, int scopeId, string? viaFlowId) =>
        Flow.Leave(ctx, node, tokenId, scopeId);

    /// <summary>The waits of the activity's timer and message boundary events, worked out before anything is emitted.</summary>
    public static List<PlannedSubscription> Plan(StepContext ctx, ActivityNode activity)
    {
        var plans = new List<PlannedSubscription>();
        foreach (var boundary in ctx.Model.BoundaryEventsOf(activity.Id))
        {
            if (Subscriptions.Plan(ctx, boundary, boundary.Trigger) is { } plan) plans.Add(plan);
        }
        return plans;
    }

    public static void Arm(StepContext ctx, List<PlannedSubscription> plans, int hostTokenId)
    {
        foreach (var plan in plans) Subscriptions.Open(ctx, hostTokenId, plan);
    }

    /// <summary>The activity stopped running: its timer and message boundary events stop listening.</summary>
    public static void Disarm(StepContext ctx, Token host) => Subscriptions.CloseAllOf(ctx, host.Id);

    /// <summary>
    /// A timer or message boundary event of <paramref name="host"/> happened. A non-interrupting one
    /// goes on listening while the activity runs, as in Camunda 7: a message subscription stays (same
    /// id, so the host's record stays valid) and a timer cycle is armed for its next firing.
    /// </summary>
    public static void Fired(StepContext ctx, Token host, Subscription fired)
    {
        if (ctx.Model.Node(fired.EventElementId) is not BoundaryEventNode boundary)
            throw new InvalidOperationException($"Subscription {fired.Id} of activity token {host.Id} is not for a boundary event");
        if (!boundary.CancelActivity)
        {
            if (fired.Kind == SubscriptionKind.Message) ctx.Subscriptions.Add(fired);
            else Subscriptions.NextCycle(ctx, fired);
        }
        Trigger(ctx, boundary, host);
    }

    /// <summary>The boundary event fires: interrupt the host if it cancels, and start its path.</summary>
    public static void Trigger(StepContext ctx, BoundaryEventNode boundary, Token host)
    {
        if (boundary.CancelActivity) Cancellation.CancelToken(ctx, host);
        ctx.Enqueue(boundary.Id, host.ScopeId);
    }
}
