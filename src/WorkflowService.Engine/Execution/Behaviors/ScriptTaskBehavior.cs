using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.3.3 script task: runs a JavaScript body under the expression limits, then leaves.
/// Variables set with <c>execution.setVariable</c> become process variables; the script's value
/// goes to <c>camunda:resultVariable</c> when declared. A failing script is an incident.
/// </summary>
internal sealed class ScriptTaskBehavior : ElementBehavior<ScriptTaskNode>
{
    protected override void Enter(StepContext ctx, ScriptTaskNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var outcome = ctx.Expressions.RunScript(node.Script, ctx.Variables, ctx.Now);
        ctx.SetVariables(outcome.VariablesSet);
        if (node.ResultVariable is { } name)
            ctx.Variables[name] = outcome.Result ?? VariableMap.Value(null);
        Flow.Leave(ctx, node, tokenId, scopeId);
    }
}
