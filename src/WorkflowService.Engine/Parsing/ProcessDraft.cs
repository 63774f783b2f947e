using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>An element that was refused while reading; its id is known, it just has no node.</summary>
internal sealed record RefusedElement(string Id, string LocalName, string? ParentId);

/// <summary>
/// One process as read so far: nodes and flows not yet connected, plus what was refused.
/// Refused elements are remembered so that the structural checks do not pile a second,
/// misleading error ("target missing") on top of the one that names the real problem.
/// </summary>
internal sealed class ProcessDraft(XElement element, string id, string? name)
{
    private readonly Dictionary<string, XElement> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefusedElement> _refused = new(StringComparer.Ordinal);

    public XElement Element { get; } = element;
    public string Id { get; } = id;
    public string? Name { get; } = name;
    public List<FlowNode> Nodes { get; } = [];
    public List<SequenceFlow> Flows { get; } = [];

    public IEnumerable<RefusedElement> RefusedElements => _refused.Values;

    /// <summary>Claims an id; a second element with the same id is reported and skipped.</summary>
    public bool RegisterId(string elementId, XElement element, DiagnosticBag diagnostics)
    {
        if (_ids.TryGetValue(elementId, out var first))
        {
            diagnostics.Error(element,
                $"{ElementLabels.Describe(element)} reuses the id of {ElementLabels.DescribeInline(first)} on line {first.Line()}; ids must be unique");
            return false;
        }
        _ids[elementId] = element;
        return true;
    }

    public void Refuse(string elementId, string localName, string? parentId) =>
        _refused[elementId] = new RefusedElement(elementId, localName, parentId);

    public bool IsRefused(string elementId) => _refused.ContainsKey(elementId);
}

/// <summary>What every element reader needs: where to report, what the file defines, and the draft.</summary>
internal sealed class ReadContext(DiagnosticBag diagnostics, DefinitionsIndex index, ProcessDraft draft)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;
    public DefinitionsIndex Index { get; } = index;
    public ProcessDraft Draft { get; } = draft;
}
