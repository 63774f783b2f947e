using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// SLA pause (<c>slaPause</c>): while a token rests at a pausing element (waiting for the customer,
/// for parts, for the maker), the SLA timers of its scope and of every scope around it stand still —
/// including a boundary SLA timer on the subprocess it runs in — and run again, with the time they
/// had left, once no pausing element covers them. The pausing element's own timers keep running: a
/// reminder on "waiting for parts" must still fire. Worked out once at the end of every step, from
/// where the tokens rest, so any way a token arrives or leaves (completion, interruption,
/// cancellation, a retried incident) is covered by the same rule.
/// </summary>
internal static class SlaPauses
{
    public static void Reconcile(StepContext ctx)
    {
        if (!ctx.Model.HasSlaPause && !ctx.Subscriptions.Exists(s => s.Paused)) return;

        HashSet<int>? covered = null;
        HashSet<int>? pausing = null;
        foreach (var token in ctx.Tokens)
        {
            if (token.Wait is not (WaitKind.UserTask or WaitKind.ExternalTask or WaitKind.MessageCatch or WaitKind.TimerCatch
                    or WaitKind.EventGateway)
                || !SlaProperties.PausesSla(ctx.Model.Node(token.ElementId)))
                continue;
            (pausing ??= []).Add(token.Id);
            covered ??= [];
            // Up the scope chain; a scope already covered has its ancestors covered too.
            for (var scopeId = token.ScopeId; covered.Add(scopeId) && scopeId != InstanceState.RootScopeId;)
            {
                if (ctx.FindScope(scopeId) is not { } scope) break;
                scopeId = scope.ParentScopeId;
            }
        }

        for (var i = 0; i < ctx.Subscriptions.Count; i++)
        {
            var sub = ctx.Subscriptions[i];
            if (sub.Kind != SubscriptionKind.Timer || SlaProperties.RuleOf(ctx.Model.Node(sub.EventElementId)) is null) continue;
            var owner = ctx.FindToken(sub.OwnerTokenId);
            var pause = owner is not null && covered is not null && covered.Contains(owner.ScopeId)
                        && pausing?.Contains(owner.Id) != true;
            if (pause == sub.Paused) continue;
            ctx.Subscriptions[i] = sub with { Paused = pause };
            ctx.Emit(pause
                ? new PauseTimer(sub.Id, sub.EventElementId, ctx.Now)
                : new ResumeTimer(sub.Id, sub.EventElementId, ctx.Now));
        }
    }
}
