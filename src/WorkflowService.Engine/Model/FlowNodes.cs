using System.Collections.Immutable;

namespace WorkflowService.Engine.Model;

/// <summary>
/// A node of the process graph that the interpreter can hold a token on. Nodes are immutable
/// and refer to each other by id; <see cref="ProcessModel"/> resolves ids.
/// </summary>
public abstract record FlowNode
{
    private protected FlowNode() { }

    public required string Id { get; init; }
    public string? Name { get; init; }

    /// <summary>Id of the enclosing embedded subprocess, or null at process level.</summary>
    public string? ParentId { get; init; }

    /// <summary>1-based line of the element in the source XML (0 when built in code).</summary>
    public int Line { get; init; }

    public ImmutableArray<string> Incoming { get; init; } = [];
    public ImmutableArray<string> Outgoing { get; init; } = [];
    public string? Documentation { get; init; }

    /// <summary>Extension properties (<c>camunda:properties</c>), e.g. <c>sla</c>.</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The BPMN element's local name, e.g. <c>userTask</c>; used in messages.</summary>
    public abstract string ElementType { get; }

    /// <summary>"userTask 'approve' (Approve invoice)": how every message names an element.</summary>
    public string Describe() => Name is null ? $"{ElementType} '{Id}'" : $"{ElementType} '{Id}' ({Name})";
}

/// <summary>Nodes a token can wait on and that boundary events can be attached to.</summary>
public abstract record ActivityNode : FlowNode
{
    private protected ActivityNode() { }
}

public sealed record StartEventNode : FlowNode
{
    public override string ElementType => "startEvent";
    public EventTrigger Trigger { get; init; } = EventTrigger.None;

    /// <summary><c>camunda:initiator</c>: variable that receives the starting user's name.</summary>
    public string? InitiatorVariable { get; init; }

    /// <summary>
    /// The start form (<c>camunda:formData</c>/<c>camunda:formProperty</c>): what the person starting the process
    /// is asked, validated as a task form is. Always empty in a subprocess, which nobody starts by hand.
    /// </summary>
    public ImmutableArray<FormField> FormFields { get; init; } = [];
}

public sealed record EndEventNode : FlowNode
{
    public override string ElementType => "endEvent";

    /// <summary>None, terminate, error or escalation.</summary>
    public EventTrigger Trigger { get; init; } = EventTrigger.None;
}

/// <summary><c>task</c> and <c>manualTask</c>: the token passes straight through.</summary>
public sealed record PassThroughTaskNode : ActivityNode
{
    public required string XmlElementType { get; init; }
    public override string ElementType => XmlElementType;
}

public sealed record UserTaskNode : ActivityNode
{
    public override string ElementType => "userTask";

    /// <summary>Expression or literal; null when unassigned.</summary>
    public string? Assignee { get; init; }

    /// <summary>Comma-separated literal list or an expression yielding a string or an array.</summary>
    public string? CandidateUsers { get; init; }
    public string? CandidateGroups { get; init; }

    /// <summary>ISO 8601 date-time, ISO 8601 duration from creation, or an expression for either.</summary>
    public string? DueDate { get; init; }
    public string? FollowUpDate { get; init; }

    /// <summary>Literal integer or expression; Camunda's default is 50.</summary>
    public string? Priority { get; init; }
    public string? FormKey { get; init; }
    public ImmutableArray<FormField> FormFields { get; init; } = [];

    /// <summary>
    /// Extension property naming a variable that receives the user who completed the task, set by
    /// the engine after the submitted values, so a client cannot claim someone else did the work
    /// (the counterpart of the start event's <c>camunda:initiator</c>).
    /// </summary>
    public const string CompletedByProperty = "completedByVariable";

    public string? CompletedByVariable => Properties.GetValueOrDefault(CompletedByProperty);
}

/// <summary>
/// <c>serviceTask</c> or <c>sendTask</c> with <c>camunda:type="external"</c>: the instance waits
/// until the host reports the result or a failure for <see cref="Topic"/>.
/// </summary>
public sealed record ExternalTaskNode : ActivityNode
{
    public required string XmlElementType { get; init; }
    public override string ElementType => XmlElementType;
    public required string Topic { get; init; }
    public ImmutableArray<IoParameter> Inputs { get; init; } = [];
    public ImmutableArray<IoParameter> Outputs { get; init; } = [];

    /// <summary><c>camunda:taskPriority</c>, literal or expression.</summary>
    public string? Priority { get; init; }
}

public sealed record ScriptTaskNode : ActivityNode
{
    public override string ElementType => "scriptTask";
    public required string Script { get; init; }
    public string? ResultVariable { get; init; }
}

/// <summary>Embedded subprocess: its child nodes carry <see cref="FlowNode.ParentId"/> = this id.</summary>
public sealed record SubProcessNode : ActivityNode
{
    public override string ElementType => "subProcess";
}

public sealed record ExclusiveGatewayNode : FlowNode
{
    public override string ElementType => "exclusiveGateway";
    public string? DefaultFlowId { get; init; }
}

public sealed record ParallelGatewayNode : FlowNode
{
    public override string ElementType => "parallelGateway";
}

public sealed record EventBasedGatewayNode : FlowNode
{
    public override string ElementType => "eventBasedGateway";
}

/// <summary>Timer or message catch.</summary>
public sealed record IntermediateCatchEventNode : FlowNode
{
    public override string ElementType => "intermediateCatchEvent";
    public required EventTrigger Trigger { get; init; }
}

/// <summary>None or escalation throw.</summary>
public sealed record IntermediateThrowEventNode : FlowNode
{
    public override string ElementType => "intermediateThrowEvent";
    public EventTrigger Trigger { get; init; } = EventTrigger.None;
}

public sealed record BoundaryEventNode : FlowNode
{
    public override string ElementType => "boundaryEvent";
    public required string AttachedToId { get; init; }
    public bool CancelActivity { get; init; } = true;

    /// <summary>Timer, message, error or escalation.</summary>
    public required EventTrigger Trigger { get; init; }
}
