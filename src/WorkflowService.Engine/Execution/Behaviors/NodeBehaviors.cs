using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// The behavior of each element type: the one place that maps node types to behaviors. Flow,
/// event handling and cancellation ask here and call the behavior's hooks.
/// </summary>
internal static class NodeBehaviors
{
    private static readonly PassThroughBehavior PassThrough = new();
    private static readonly EndEventBehavior EndEvent = new();
    private static readonly UserTaskBehavior UserTask = new();
    private static readonly ExternalTaskBehavior ExternalTask = new();
    private static readonly ScriptTaskBehavior ScriptTask = new();
    private static readonly SubProcessBehavior SubProcess = new();
    private static readonly ExclusiveGatewayBehavior ExclusiveGateway = new();
    private static readonly ParallelGatewayBehavior ParallelGateway = new();
    private static readonly EventBasedGatewayBehavior EventBasedGateway = new();
    private static readonly CatchEventBehavior CatchEvent = new();
    private static readonly ThrowEventBehavior ThrowEvent = new();
    private static readonly BoundaryEventBehavior BoundaryEvent = new();

    public static ElementBehavior Of(FlowNode node) => node switch
    {
        StartEventNode or PassThroughTaskNode => PassThrough,
        EndEventNode => EndEvent,
        UserTaskNode => UserTask,
        ExternalTaskNode => ExternalTask,
        ScriptTaskNode => ScriptTask,
        SubProcessNode => SubProcess,
        ExclusiveGatewayNode => ExclusiveGateway,
        ParallelGatewayNode => ParallelGateway,
        EventBasedGatewayNode => EventBasedGateway,
        IntermediateCatchEventNode => CatchEvent,
        IntermediateThrowEventNode => ThrowEvent,
        BoundaryEventNode => BoundaryEvent,
        _ => throw new InvalidOperationException($"No behavior for {node.Describe()} ({node.GetType().Name})"),
    };
}
