using WorkflowService.Engine.Execution.Behaviors;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Ending tokens that did not complete: interrupted by a boundary event, a terminate end event,
/// an error, or a cancelled instance. What a waiting token waited on is withdrawn by the behavior
/// of its element (<see cref="ICancellable"/>); a token stopped by an incident has its incident resolved.
/// </summary>
internal static class Cancellation
{
    public static void CancelToken(StepContext ctx, Token token)
    {
        ctx.Tokens.Remove(token);
        if (token.Wait == WaitKind.Incident) ResolveIncidentsOf(ctx, token);
        else WaitStateOf(ctx, token).Cancel(ctx, token);
        ctx.Emit(new ElementLeft(token.ElementId, token.Id, ctx.Now, ctx.Actor, Interrupted: true));
    }

    /// <summary>Ends every token of a scope (and of the subprocesses running in it).</summary>
    public static void CancelScopeContents(StepContext ctx, int scopeId)
    {
        ctx.DropQueued(new HashSet<int> { scopeId });
        foreach (var token in ctx.Tokens.Where(t => t.ScopeId == scopeId).ToList())
        {
            if (ctx.Tokens.Contains(token)) CancelToken(ctx, token);
        }
    }

    /// <summary>Ends a running subprocess scope: everything in it, then the scope itself.</summary>
    public static void CancelScope(StepContext ctx, ScopeInstance scope)
    {
        CancelScopeContents(ctx, scope.Id);
        ctx.Scopes.Remove(scope);
    }

    /// <summary>Cancels the whole instance: every token, task, timer and subscription.</summary>
    public static void CancelInstance(StepContext ctx)
    {
        CancelScopeContents(ctx, InstanceState.RootScopeId);
        ctx.Status = InstanceStatus.Cancelled;
        ctx.EndedAt = ctx.Now;
        ctx.Emit(new InstanceEnded(InstanceStatus.Cancelled, ctx.Now));
    }

    private static ICancellable WaitStateOf(StepContext ctx, Token token)
    {
        var node = ctx.Model.Node(token.ElementId);
        return NodeBehaviors.Of(node) as ICancellable
               ?? throw new InvalidOperationException($"Token {token.Id} rests at {node.Describe()}, which is no wait state");
    }

    private static void ResolveIncidentsOf(StepContext ctx, Token token)
    {
        foreach (var incident in ctx.Incidents.Where(i => i.TokenId == token.Id).ToList())
        {
            ctx.Incidents.Remove(incident);
            ctx.Emit(new ResolveIncident(incident.Id, incident.ElementId));
        }
    }
}
