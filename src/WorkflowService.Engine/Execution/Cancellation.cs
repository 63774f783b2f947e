namespace WorkflowService.Engine.Execution;

/// <summary>
/// Ending tokens that did not complete: interrupted by a boundary event, a terminate end event,
/// an error, or a cancelled instance. Whatever a token waited on is withdrawn with a command.
/// </summary>
internal static class Cancellation
{
    public static void CancelToken(StepContext ctx, Token token)
    {
        ctx.Tokens.Remove(token);
        CancelSubscriptionsOf(ctx, token.Id);
        switch (token.Wait)
        {
            case WaitKind.UserTask:
                ctx.Emit(new CancelUserTask(token.Id, token.ElementId));
                break;
            case WaitKind.ExternalTask:
                ctx.Emit(new CancelExternalTask(token.Id, token.ElementId));
                break;
            case WaitKind.SubProcess:
                if (ctx.Scopes.Find(s => s.HostTokenId == token.Id) is { } child) CancelScope(ctx, child);
                break;
            case WaitKind.Incident:
                foreach (var incident in ctx.Incidents.Where(i => i.TokenId == token.Id).ToList())
                {
                    ctx.Incidents.Remove(incident);
                    ctx.Emit(new ResolveIncident(incident.Id, incident.ElementId));
                }
                break;
            case WaitKind.TimerCatch:
            case WaitKind.MessageCatch:
            case WaitKind.EventGateway:
            case WaitKind.ParallelJoin:
                break;
            default:
                throw new InvalidOperationException($"Unknown wait kind {token.Wait}");
        }
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

    private static void CancelScope(StepContext ctx, ScopeInstance scope)
    {
        CancelScopeContents(ctx, scope.Id);
        ctx.Scopes.Remove(scope);
    }

    public static void CancelSubscriptionsOf(StepContext ctx, int ownerTokenId)
    {
        for (var i = ctx.Subscriptions.Count - 1; i >= 0; i--)
        {
            var sub = ctx.Subscriptions[i];
            if (sub.OwnerTokenId != ownerTokenId) continue;
            ctx.Subscriptions.RemoveAt(i);
            ctx.Emit(sub.Kind == SubscriptionKind.Timer
                ? new CancelTimer(sub.Id, sub.EventElementId)
                : new CancelMessageSubscription(sub.Id, sub.EventElementId));
        }
    }

    /// <summary>Cancels the whole instance: every token, task, timer and subscription.</summary>
    public static void CancelInstance(StepContext ctx)
    {
        CancelScopeContents(ctx, InstanceState.RootScopeId);
        ctx.Status = InstanceStatus.Cancelled;
        ctx.EndedAt = ctx.Now;
        ctx.Emit(new InstanceEnded(InstanceStatus.Cancelled, ctx.Now));
    }
}
