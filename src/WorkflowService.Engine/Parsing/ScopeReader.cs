using System.Collections.Frozen;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Reads the children of a process or an embedded subprocess: each flow node through the reader
/// for its type, sequence flows, and recursion into nested subprocesses (whose children get
/// <see cref="FlowNode.ParentId"/>). Elements of other namespaces are extensions and skipped.
/// </summary>
internal static class ScopeReader
{
    /// <summary>
    /// BPMN children of a process or subprocess that carry nothing the engine executes. A
    /// subprocess's own markup (incoming/outgoing, loop characteristics) is among its children
    /// too; loops are refused by <see cref="CommonNodeParts"/> on the subprocess itself.
    /// </summary>
    private static readonly FrozenSet<string> NotExecuted = new[]
    {
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group", "category",
        "dataObject", "dataObjectReference", "dataStoreReference", "dataInputAssociation", "dataOutputAssociation",
        "ioSpecification", "ioBinding", "property", "auditing", "monitoring", "correlationSubscription", "supports",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "incoming", "outgoing", "loopCharacteristics",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when a process has anything to run, i.e. is more than an empty pool.</summary>
    public static bool HasFlowElements(XElement container) =>
        container.Elements().Any(e => e.IsBpmn() && !NotExecuted.Contains(e.LocalName()));

    public static void Read(XElement container, string? parentId, ReadContext ctx)
    {
        foreach (var child in container.Elements())
        {
            if (!child.IsBpmn()) continue;
            var local = child.LocalName();
            if (NotExecuted.Contains(local)) continue;
            if (local == "sequenceFlow")
            {
                SequenceFlowReader.Read(child, ctx);
                continue;
            }

            var id = child.Id();
            if (id is null)
            {
                ctx.Diagnostics.Error(child, $"{ElementLabels.Describe(child)}; every flow node needs an id");
                continue;
            }
            if (!ctx.Draft.RegisterId(id, child, ctx.Diagnostics)) continue;

            var node = ReadNode(child, parentId, ctx);
            if (node is null)
            {
                ctx.Draft.Refuse(id, local, parentId);
                continue;
            }
            ctx.Draft.Nodes.Add(CommonNodeParts.Apply(node, child, parentId, ctx));
            if (node is SubProcessNode) Read(child, id, ctx);
        }
    }

    private static FlowNode? ReadNode(XElement element, string? parentId, ReadContext ctx)
    {
        var id = element.Id()!;
        switch (element.LocalName())
        {
            case "startEvent": return EventReader.ReadStart(element, parentId, ctx);
            case "endEvent": return EventReader.ReadEnd(element, ctx);
            case "intermediateCatchEvent": return EventReader.ReadIntermediateCatch(element, ctx);
            case "intermediateThrowEvent": return EventReader.ReadIntermediateThrow(element, ctx);
            case "boundaryEvent": return EventReader.ReadBoundary(element, ctx);
            case "userTask": return UserTaskReader.Read(element, ctx);
            case "serviceTask" or "sendTask": return ServiceTaskReader.ReadExternal(element, ctx);
            case "scriptTask": return ServiceTaskReader.ReadScript(element, ctx);
            case "task" or "manualTask": return new PassThroughTaskNode { Id = id, XmlElementType = element.LocalName() };
            case "exclusiveGateway": return new ExclusiveGatewayNode { Id = id, DefaultFlowId = element.Attr("default") };
            case "parallelGateway": return new ParallelGatewayNode { Id = id };
            case "eventBasedGateway": return ReadEventBasedGateway(element, ctx);
            case "subProcess": return ReadSubProcess(element, ctx);
            default:
                UnsupportedElements.Report(element, ctx.Diagnostics);
                return null;
        }
    }

    private static SubProcessNode? ReadSubProcess(XElement element, ReadContext ctx)
    {
        if (element.BoolAttr("triggeredByEvent", fallback: false))
        {
            ctx.Diagnostics.Error(element, $"{ElementLabels.Describe(element)}: {UnsupportedElements.EventSubProcess}");
            return null;
        }
        return new SubProcessNode { Id = element.Id()! };
    }

    /// <summary>Only the exclusive, non-instantiating form: the first event to arrive wins.</summary>
    private static EventBasedGatewayNode? ReadEventBasedGateway(XElement element, ReadContext ctx)
    {
        if (element.BoolAttr("instantiate", fallback: false) ||
            string.Equals(element.Attr("eventGatewayType"), "Parallel", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Diagnostics.Error(element,
                $"{ElementLabels.Describe(element)}: instantiating or parallel event-based gateways are not supported; start the process with message start events");
            return null;
        }
        return new EventBasedGatewayNode { Id = element.Id()! };
    }
}
