using WorkflowService.Engine.Execution.Behaviors;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Thrown by a behavior when its element cannot go on (an expression failed, no flow matched):
/// the token stops there as an incident. Behaviors throw before emitting anything, so an
/// element either runs completely or not at all.
/// </summary>
internal sealed class IncidentException(string message) : Exception(message);

/// <summary>
/// Token movement shared by all behaviors: the run loop, entering a node, leaving it along its
/// outgoing flows, and completing scopes when their last token ends (a subprocess's scope is
/// completed by its behavior, <see cref="IScopeHost"/>).
/// </summary>
internal static class Flow
{
    /// <summary>Incidents raised for the arrivals left when the step budget is spent; the rest are dropped.</summary>
    private const int MaxBudgetIncidents = 100;

    /// <summary>
    /// Enters queued arrivals until every token rests, or the step budget is spent. Then each
    /// arrival left stops as an incident, up to <see cref="MaxBudgetIncidents"/>: a loop through a
    /// wide fork could leave millions, and the last incident says how many were dropped.
    /// </summary>
    public static void Run(StepContext ctx)
    {
        var stopped = 0;
        while (ctx.TryDequeue(out var arrival))
        {
            var node = ctx.Model.Node(arrival.ElementId);
            var tokenId = ctx.NewId();
            if (!ctx.TakeStep())
            {
                var dropped = ++stopped == MaxBudgetIncidents ? ctx.DropAllQueued() : 0;
                RaiseIncident(ctx, node, tokenId, arrival.ScopeId,
                    $"{node.Describe()}: stopped {ctx.SpentBudget} without reaching a wait state; " +
                    "the process loops without a wait state (add a user task, timer or message to the loop)" +
                    (dropped > 0 ? $"; {dropped:N0} further tokens of the loop were dropped" : ""),
                    onLeave: false, arrival.ViaFlowId);
                continue;
            }
            Enter(ctx, node, tokenId, arrival.ScopeId, arrival.ViaFlowId);
        }
    }

    /// <summary>Runs a node's behavior for a token; a failure becomes an incident at the node.</summary>
    public static void Enter(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        ctx.Emit(new ElementEntered(node.Id, tokenId, ctx.Now));
        try
        {
            NodeBehaviors.Of(node).Enter(ctx, node, tokenId, scopeId, viaFlowId);
        }
        catch (Exception ex) when (ex is IncidentException or ExpressionException or FormatException)
        {
            RaiseIncident(ctx, node, tokenId, scopeId, Describe(node, ex), onLeave: false, viaFlowId);
        }
    }

    /// <summary>
    /// The token leaves <paramref name="node"/>: every unconditional outgoing flow and every flow
    /// whose condition holds is taken (an implicit fork when several are); with none, the token ends.
    /// </summary>
    public static void Leave(StepContext ctx, FlowNode node, int tokenId, int scopeId, string? by = null)
    {
        IReadOnlyList<SequenceFlow> flows;
        try
        {
            flows = SelectOutgoing(ctx, node);
        }
        catch (Exception ex) when (ex is IncidentException or ExpressionException)
        {
            RaiseIncident(ctx, node, tokenId, scopeId, Describe(node, ex), onLeave: true, viaFlowId: null);
            return;
        }
        Take(ctx, node, tokenId, scopeId, flows, by);
    }

    /// <summary>Leaves along flows already chosen (gateways choose their own).</summary>
    public static void Take(StepContext ctx, FlowNode node, int tokenId, int scopeId, IReadOnlyList<SequenceFlow> flows,
        string? by = null)
    {
        ctx.Emit(new ElementLeft(node.Id, tokenId, ctx.Now, by));
        foreach (var flow in flows) ctx.Enqueue(flow.TargetId, scopeId, flow.Id);
        if (flows.Count == 0) TokenEnded(ctx, scopeId);
    }

    private static List<SequenceFlow> SelectOutgoing(StepContext ctx, FlowNode node)
    {
        var taken = new List<SequenceFlow>(node.Outgoing.Length);
        var conditional = false;
        foreach (var flowId in node.Outgoing)
        {
            var flow = ctx.Model.Flow(flowId);
            if (flow.Condition is null)
            {
                taken.Add(flow);
                continue;
            }
            conditional = true;
            if (ctx.Expressions.EvaluateCondition(flow.Condition, ctx.Variables, ctx.Now)) taken.Add(flow);
        }
        if (conditional && taken.Count == 0)
            throw new IncidentException(
                "no outgoing sequence flow's condition holds, so the token cannot leave");
        return taken;
    }

    /// <summary>A token ended in a scope; the scope completes when nothing is left in it.</summary>
    public static void TokenEnded(StepContext ctx, int scopeId)
    {
        if (!ctx.ScopeIsEmpty(scopeId)) return;
        if (scopeId == InstanceState.RootScopeId)
        {
            if (ctx.Status.IsFinal) return;
            ctx.Status = InstanceStatus.Completed;
            ctx.EndedAt = ctx.Now;
            ctx.Emit(new InstanceEnded(InstanceStatus.Completed, ctx.Now));
            return;
        }
        var scope = ctx.FindScope(scopeId) ?? throw new InvalidOperationException($"Scope {scopeId} is not running");
        var host = NodeBehaviors.Of(ctx.Model.Node(scope.ElementId)) as IScopeHost
                   ?? throw new InvalidOperationException($"Scope {scopeId} runs in {scope.ElementId}, which hosts no scope");
        host.ScopeCompleted(ctx, scope);
    }

    public static void Rest(StepContext ctx, Token token) => ctx.Tokens.Add(token);

    public static void RaiseIncident(StepContext ctx, FlowNode node, int tokenId, int scopeId, string message,
        bool onLeave, string? viaFlowId)
    {
        var incident = new Incident(ctx.NewId(), tokenId, node.Id, message, ctx.Now, onLeave);
        ctx.Incidents.Add(incident);
        Rest(ctx, new Token(tokenId, node.Id, scopeId, WaitKind.Incident, viaFlowId));
        ctx.Emit(new RaiseIncident(incident.Id, node.Id, message));
    }

    private static string Describe(FlowNode node, Exception ex) => $"{node.Describe()}: {ex.Message}";
}
