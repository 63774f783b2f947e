using System.Xml;
using System.Xml.Linq;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Namespace-aware access to BPMN and Camunda markup. Elements are matched by namespace URI,
/// never by prefix: modelers write the same model as <c>bpmn:</c>, <c>bpmn2:</c>,
/// <c>semantic:</c>, <c>model:</c> or the default namespace.
/// </summary>
internal static class BpmnXml
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The Camunda 7 extension namespace written by Camunda Modeler and bpmn-js.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Files saved by Camunda Modeler before it had its own namespace use Activiti's.</summary>
    public static readonly XNamespace Activiti = "http://activiti.org/bpmn";

    public static bool IsBpmn(this XElement element) => element.Name.Namespace == Bpmn;

    public static bool IsCamunda(this XElement element) =>
        element.Name.Namespace == Camunda || element.Name.Namespace == Activiti;

    public static string LocalName(this XElement element) => element.Name.LocalName;

    /// <summary>1-based line of the element's start tag; 0 when the tree was built without line info.</summary>
    public static int Line(this XObject node) => ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 0;

    /// <summary>The <c>id</c> attribute, or null when it is missing or blank.</summary>
    public static string? Id(this XElement element) => Attr(element, "id");

    /// <summary>An unqualified attribute, trimmed; null when missing or blank.</summary>
    public static string? Attr(this XElement element, string name)
    {
        var value = element.Attribute(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A <c>camunda:</c> (or legacy <c>activiti:</c>) attribute, trimmed; null when missing or blank.</summary>
    public static string? CamundaAttr(this XElement element, string name)
    {
        var value = (element.Attribute(Camunda + name) ?? element.Attribute(Activiti + name))?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static bool HasCamundaAttr(this XElement element, string name) =>
        element.Attribute(Camunda + name) is not null || element.Attribute(Activiti + name) is not null;

    /// <summary>xs:boolean: "true" or "1"; anything else, or a missing attribute, yields the fallback.</summary>
    public static bool BoolAttr(this XElement element, string name, bool fallback)
    {
        var value = Attr(element, name);
        if (value is null) return fallback;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1") return true;
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0") return false;
        return fallback;
    }

    public static IEnumerable<XElement> BpmnChildren(this XElement element, string localName) =>
        element.Elements(Bpmn + localName);

    public static XElement? BpmnChild(this XElement element, string localName) =>
        element.Element(Bpmn + localName);

    public static IEnumerable<XElement> CamundaChildren(this XElement element, string localName) =>
        element.Elements().Where(e => e.IsCamunda() && e.Name.LocalName == localName);

    /// <summary>Camunda elements inside the element's <c>extensionElements</c>.</summary>
    public static IEnumerable<XElement> CamundaExtensions(this XElement element) =>
        element.BpmnChildren("extensionElements").SelectMany(x => x.Elements()).Where(e => e.IsCamunda());

    public static IEnumerable<XElement> CamundaExtensions(this XElement element, string localName) =>
        element.CamundaExtensions().Where(e => e.Name.LocalName == localName);

    /// <summary>
    /// References such as <c>messageRef</c> or <c>attachedToRef</c> are QNames in the schema and
    /// some tools write them with a prefix; ids are NCNames, so the part after the colon is the id.
    /// </summary>
    public static string? RefAttr(this XElement element, string name)
    {
        var value = Attr(element, name);
        if (value is null) return null;
        var colon = value.LastIndexOf(':');
        return colon >= 0 && colon < value.Length - 1 ? value[(colon + 1)..] : value;
    }

    /// <summary>Text content (text and CDATA) trimmed; null when empty.</summary>
    public static string? TrimmedText(this XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
