using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// Error and escalation propagation (BPMN 2.0 §10.5.6). An error always interrupts the catching
/// activity. An escalation interrupts only when the catching boundary event cancels; an
/// uncaught escalation is ignored and an uncaught error end event ends its token like a none
/// end event (as Camunda 7 does).
/// </summary>
internal static class Throwing
{
    /// <returns>True when a boundary event caught the error.</returns>
    public static bool ThrowError(StepContext ctx, Token? throwingActivity, int scopeId, string? code)
    {
        if (FindCatcher(ctx, throwingActivity, scopeId, ErrorCodeCaught, code) is not { } found)
            return false;
        Cancellation.CancelToken(ctx, found.Host);
        ctx.Enqueue(found.Boundary.Id, found.Host.ScopeId);
        return true;
    }

    public static void ThrowEscalation(StepContext ctx, int scopeId, string? code)
    {
        if (FindCatcher(ctx, null, scopeId, EscalationCodeCaught, code) is { } found)
            BoundaryEventBehavior.Trigger(ctx, found.Boundary, found.Host);
    }

    /// <summary>True while a scope still runs (a throw may have cancelled the thrower's own scope).</summary>
    public static bool ScopeAlive(StepContext ctx, int scopeId) =>
        scopeId == InstanceState.RootScopeId || ctx.FindScope(scopeId) is not null;

    public static string? CodeOf(EventTrigger trigger) => trigger switch
    {
        ErrorTrigger e => e.ErrorCode,
        EscalationTrigger e => e.EscalationCode,
        _ => null,
    };

    /// <summary>
    /// Finds the boundary event that catches a thrown error or escalation: first on the throwing
    /// activity itself (if any), then on each enclosing subprocess outward. A boundary event with
    /// the exact code wins over a catch-all one on the same activity.
    /// </summary>
    private static (BoundaryEventNode Boundary, Token Host)? FindCatcher(StepContext ctx, Token? throwingActivity,
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
    private static string? ErrorCodeCaught(EventTrigger trigger) =>
        trigger is ErrorTrigger e ? e.ErrorCode ?? "" : null;

    private static string? EscalationCodeCaught(EventTrigger trigger) =>
        trigger is EscalationTrigger e ? e.EscalationCode ?? "" : null;
}
