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
        if (BoundaryEvents.FindCatcher(ctx, throwingActivity, scopeId, BoundaryEvents.ErrorCodeCaught, code) is not
            { } found)
            return false;
        Cancellation.CancelToken(ctx, found.Host);
        ctx.Enqueue(found.Boundary.Id, found.Host.ScopeId);
        return true;
    }

    public static void ThrowEscalation(StepContext ctx, int scopeId, string? code)
    {
        if (BoundaryEvents.FindCatcher(ctx, null, scopeId, BoundaryEvents.EscalationCodeCaught, code) is { } found)
            BoundaryEvents.Trigger(ctx, found.Boundary, found.Host);
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
}
