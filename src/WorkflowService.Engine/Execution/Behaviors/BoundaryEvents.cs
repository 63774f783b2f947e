using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.5.5 (boundary events): an event attached to an activity listens while the
/// activity runs. Timer and message boundary events subscribe when the activity starts and
/// stop when it ends; error and escalation boundary events are found when something is thrown.
/// An interrupting event cancels the activity; a non-interrupting one starts a parallel path.
/// </summary>
internal static class BoundaryEvents
{
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

    /// <summary>The boundary event fires: interrupt the host if it cancels, and start its path.</summary>
    public static void Trigger(StepContext ctx, BoundaryEventNode boundary, Token host)
    {
        if (boundary.CancelActivity) Cancellation.CancelToken(ctx, host);
        ctx.Enqueue(boundary.Id, host.ScopeId);
    }

    /// <summary>
    /// Finds the boundary event that catches a thrown error or escalation: first on the throwing
    /// activity itself (if any), then on each enclosing subprocess outward. A boundary event with
    /// the exact code wins over a catch-all one on the same activity.
    /// </summary>
    public static (BoundaryEventNode Boundary, Token Host)? FindCatcher(StepContext ctx, Token? throwingActivity,
        int scopeId, Func<EventTrigger, string?> codeOf, string? code)
    {
        if (throwingActivity is not null && Match(ctx, throwingActivity, codeOf, code) is { } onActivity)
            return (onActivity, throwingActivity);

        var current = scopeId;
        while (current != InstanceState.RootScopeId)
        {
            var scope = ctx.FindScope(current) ?? throw new InvalidOperationException($"Scope {current} is not running");
            var host = ctx.FindToken(scope.HostTokenId)
                       ?? throw new InvalidOperationException($"Scope {current} has no host token");
            if (Match(ctx, host, codeOf, code) is { } catcher) return (catcher, host);
            current = scope.ParentScopeId;
        }
        return null;
    }

    private static BoundaryEventNode? Match(StepContext ctx, Token host, Func<EventTrigger, string?> codeOf, string? code)
    {
        BoundaryEventNode? catchAll = null;
        foreach (var boundary in ctx.Model.BoundaryEventsOf(host.ElementId))
        {
            if (codeOf(boundary.Trigger) is not { } caught) continue;
            if (caught.Length == 0) catchAll ??= boundary;
            else if (caught == code) return boundary;
        }
        return catchAll;
    }

    /// <summary>Error code a boundary catches: "" for catch-all, null when it is not an error catch.</summary>
    public static string? ErrorCodeCaught(EventTrigger trigger) =>
        trigger is ErrorTrigger e ? e.ErrorCode ?? "" : null;

    public static string? EscalationCodeCaught(EventTrigger trigger) =>
        trigger is EscalationTrigger e ? e.EscalationCode ?? "" : null;
}
