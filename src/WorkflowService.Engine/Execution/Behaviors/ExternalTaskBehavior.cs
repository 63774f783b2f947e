using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// Service and send tasks as Camunda 7 external tasks: the input parameters are evaluated and
/// published on the task's topic; the token waits until the host reports the result (output
/// variables) or a failure. A failure with an error code is a BPMN error thrown at the task;
/// any other failure stops the token as an incident. An interrupted task is withdrawn.
/// </summary>
internal sealed class ExternalTaskBehavior : ActivityBehavior<ExternalTaskNode>,
    IHandles<ExternalTaskCompleted>, IHandles<ExternalTaskFailed>
{
    protected override void Enter(StepContext ctx, ExternalTaskNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var inputs = Parameters.Evaluate(ctx, node.Inputs, ctx.Variables);
        var priority = Evaluation.Int(ctx, node.Priority, 0, "camunda:taskPriority");
        var boundaries = BoundaryEventBehavior.Plan(ctx, node);

        ctx.Emit(new CreateExternalTask(tokenId, node.Id, node.Topic, inputs, priority));
        Flow.Rest(ctx, new Token(tokenId, node.Id, scopeId, WaitKind.ExternalTask));
        BoundaryEventBehavior.Arm(ctx, boundaries, tokenId);
    }

    /// <summary>Completed by a worker: its result becomes process variables (<see cref="OutputsOf"/>) and the token leaves.</summary>
    public void Handle(StepContext ctx, Token token, ExternalTaskCompleted completed)
    {
        var node = (ExternalTaskNode)ctx.Model.Node(token.ElementId);
        ctx.SetVariables(OutputsOf(ctx, node, completed.Variables));
        Complete(ctx, token, completed.WorkerId);
    }

    /// <summary>
    /// Failed: with an error code, a BPMN error thrown at the task, which an error boundary event
    /// (on the task or an enclosing subprocess) may catch. Otherwise, or when nothing catches it,
    /// the token stops here as an incident; a retry runs the task again.
    /// </summary>
    public void Handle(StepContext ctx, Token token, ExternalTaskFailed failed)
    {
        ctx.SetVariables(failed.Variables);
        if (failed.ErrorCode is { } code && Throwing.ThrowError(ctx, token, token.ScopeId, code)) return;

        var node = ctx.Model.Node(token.ElementId);
        ctx.Tokens.Remove(token);
        BoundaryEventBehavior.Disarm(ctx, token);
        var reason = failed.ErrorCode is null
            ? $"{node.Describe()}: the external task failed: {failed.Message}"
            : $"{node.Describe()}: the external task failed with error code '{failed.ErrorCode}', which no error boundary event catches: {failed.Message}";
        Flow.RaiseIncident(ctx, node, token.Id, token.ScopeId, reason, onLeave: false, viaFlowId: null);
    }

    /// <summary>Interrupted: the boundary events stop listening and the task is withdrawn from its topic.</summary>
    public override void Cancel(StepContext ctx, Token token)
    {
        BoundaryEventBehavior.Disarm(ctx, token);
        ctx.Emit(new CancelExternalTask(token.Id, token.ElementId));
    }

    /// <summary>
    /// The worker's variables become process variables: all of them, or only what the output
    /// parameters map when the task declares any (evaluated with the worker's variables in view).
    /// </summary>
    private static ImmutableDictionary<string, JsonElement> OutputsOf(StepContext ctx, ExternalTaskNode node,
        ImmutableDictionary<string, JsonElement> result)
    {
        if (node.Outputs.IsEmpty) return result;
        var view = ctx.Variables.ToImmutable().SetItems(result);
        return Parameters.Evaluate(ctx, node.Outputs, view);
    }
}
