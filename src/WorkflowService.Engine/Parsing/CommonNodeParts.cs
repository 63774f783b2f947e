using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// What every flow node shares, whatever its type: name, scope, line, documentation and
/// <c>camunda:properties</c>; and the markup refused on any node (loops, listeners, misplaced
/// input/output mappings, default flows on activities). Refusals here keep the node in the graph,
/// so the structural checks still run around it and every problem is reported at once.
/// </summary>
internal static class CommonNodeParts
{
    public static FlowNode Apply(FlowNode node, XElement element, string? parentId, ReadContext ctx)
    {
        CheckRefusedMarkup(node, element, ctx);
        var name = element.Attribute("name")?.Value;
        return node with
        {
            Name = string.IsNullOrWhiteSpace(name) ? null : name,
            ParentId = parentId,
            Line = element.Line(),
            Documentation = element.BpmnChild("documentation").TrimmedText(),
            Properties = Properties(element),
        };
    }

    /// <summary>Listeners are refused wherever they appear, including on processes and sequence flows.</summary>
    public static void CheckListeners(XElement element, ReadContext ctx)
    {
        var listeners = element.CamundaExtensions()
            .Where(e => e.LocalName() is "executionListener" or "taskListener")
            .ToList();
        if (listeners.Count == 0) return;
        var which = string.Join(" and ", listeners.Select(l => "camunda:" + l.LocalName()).Distinct());
        ctx.Diagnostics.Error(element, listeners[0], $"{ElementLabels.Describe(element)} has {which}: {UnsupportedElements.Listeners}");
    }

    private static void CheckRefusedMarkup(FlowNode node, XElement element, ReadContext ctx)
    {
        CheckListeners(element, ctx);
        if (element.BpmnChild("multiInstanceLoopCharacteristics") is { } multi)
            ctx.Diagnostics.Error(element, multi, $"{ElementLabels.Describe(element)}: {UnsupportedElements.MultiInstance}");
        if (element.BpmnChild("standardLoopCharacteristics") is { } loop)
            ctx.Diagnostics.Error(element, loop, $"{ElementLabels.Describe(element)}: {UnsupportedElements.StandardLoop}");

        if (node is not ExternalTaskNode && element.CamundaExtensions("inputOutput").FirstOrDefault() is { } io)
        {
            ctx.Diagnostics.Error(element, io,
                $"{ElementLabels.Describe(element)} has camunda:inputOutput, which is only supported on service and send tasks with camunda:type=\"external\"; set variables in a script task or through the task's form");
        }

        // The model has no default flow for activities, and ignoring one would take it on every
        // pass; an exclusive gateway after the activity expresses the same choice.
        if (node is not ExclusiveGatewayNode && element.Attr("default") is not null)
        {
            ctx.Diagnostics.Error(element,
                $"{ElementLabels.Describe(element)} has a default sequence flow, which is only supported on exclusive gateways; put an exclusive gateway after it");
        }
    }

    internal static ImmutableDictionary<string, string> Properties(XElement element) =>
        PropertyMap(element.CamundaExtensions("properties"), p => p.Attr("name"));

    /// <summary>
    /// The <c>camunda:property</c> children of <paramref name="lists"/> (<c>camunda:properties</c> elements) by the key
    /// <paramref name="keyOf"/> reads; a key given twice keeps its last value, a property without a key is skipped.
    /// </summary>
    internal static ImmutableDictionary<string, string> PropertyMap(IEnumerable<XElement> lists, Func<XElement, string?> keyOf)
    {
        var properties = lists.SelectMany(p => p.CamundaChildren("property")).ToList();
        if (properties.Count == 0) return ImmutableDictionary<string, string>.Empty;
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (keyOf(property) is { } key) builder[key] = property.Attribute("value")?.Value ?? "";
        }
        return builder.ToImmutable();
    }
}
