using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.6.4 parallel gateway. Join: with several incoming flows, an arriving token waits
/// until a token has arrived on every incoming flow of the same scope; then one token per flow
/// is consumed. Fork: the (joined) token leaves along every outgoing flow; conditions are ignored.
/// </summary>
internal sealed class ParallelGatewayBehavior : ElementBehavior<ParallelGatewayNode>, ICancellable
{
    protected override void Enter(StepContext ctx, ParallelGatewayNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        if (node.Incoming.Length > 1)
        {
            ctx.Tokens.Add(new Token(tokenId, node.Id, scopeId, WaitKind.ParallelJoin, viaFlowId));
            var arrived = new List<Token>(node.Incoming.Length);
            foreach (var incoming in node.Incoming)
            {
                var waiting = ctx.Tokens.Find(t =>
                    t.ScopeId == scopeId && t.ElementId == node.Id && t.Wait == WaitKind.ParallelJoin && t.ArrivedVia == incoming);
                if (waiting is null) return; // still waiting for this flow
                arrived.Add(waiting);
            }
            foreach (var token in arrived)
            {
                ctx.Tokens.Remove(token);
                if (token.Id != tokenId) ctx.Emit(new ElementLeft(node.Id, token.Id, ctx.Now, null));
            }
        }
        Flow.Take(ctx, node, tokenId, scopeId, [.. node.Outgoing.Select(ctx.Model.Flow)]);
    }

    /// <summary>A token waiting at a join holds nothing outside the instance: it just ends.</summary>
    public void Cancel(StepContext ctx, Token token) { }
}
