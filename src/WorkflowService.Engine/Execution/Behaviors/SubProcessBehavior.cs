using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.3.5 embedded subprocess: a scope of its own. The token waits on the subprocess
/// while a new scope runs from the subprocess's none start event; when the last token inside
/// ends, the subprocess completes and the waiting token leaves. Boundary events attached to the
/// subprocess listen for its whole run and catch what is thrown inside it. Interrupting the
/// subprocess ends everything still running inside it.
/// </summary>
internal sealed class SubProcessBehavior : ActivityBehavior<SubProcessNode>, IScopeHost
{
    protected override void Enter(StepContext ctx, SubProcessNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var start = ctx.Model.StartEventsOf(node.Id).FirstOrDefault(s => s.Trigger is NoneTrigger)
                    ?? throw new IncidentException("the subprocess has no none start event");
        var boundaries = BoundaryEventBehavior.Plan(ctx, node);

        Flow.Rest(ctx, new Token(tokenId, node.Id, scopeId, WaitKind.SubProcess));
        var scope = new ScopeInstance(ctx.NewId(), node.Id, scopeId, tokenId);
        ctx.Scopes.Add(scope);
        BoundaryEventBehavior.Arm(ctx, boundaries, tokenId);
        ctx.Enqueue(start.Id, scope.Id);
    }

    /// <summary>Nothing is left inside: the subprocess completes and its token leaves.</summary>
    public void ScopeCompleted(StepContext ctx, ScopeInstance scope)
    {
        ctx.Scopes.Remove(scope);
        var host = ctx.FindToken(scope.HostTokenId)
                   ?? throw new InvalidOperationException($"Subprocess scope {scope.Id} has no host token");
        Complete(ctx, host, by: null);
    }

    /// <summary>Interrupted: the boundary events stop listening and everything inside ends, nested subprocesses too.</summary>
    public override void Cancel(StepContext ctx, Token token)
    {
        BoundaryEventBehavior.Disarm(ctx, token);
        if (ctx.Scopes.Find(s => s.HostTokenId == token.Id) is { } inside) Cancellation.CancelScope(ctx, inside);
    }
}
