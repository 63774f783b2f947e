using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Collects every finding of one parse. The parser reports all problems, not the first, so a
/// process owner fixes a diagram in one round trip.
/// </summary>
internal sealed class DiagnosticBag(bool published = false)
{
    private readonly List<BpmnDiagnostic> _items = [];

    /// <summary>
    /// The document is a version published earlier, read again (after a restart, on another node):
    /// rules added since it was published are warnings, so its running instances keep running.
    /// </summary>
    public bool Published { get; } = published;

    public bool HasErrors { get; private set; }

    public ImmutableArray<BpmnDiagnostic> ToImmutable() => [.. _items];

    public void Add(BpmnDiagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == DiagnosticSeverity.Error) HasErrors = true;
    }

    /// <summary>An error about the document as a whole (size, DTD, well-formedness).</summary>
    public void DocumentError(string message, int line = 0) => Add(new BpmnDiagnostic(null, null, line, message));

    public void Error(XElement element, string message) => Report(element, element, message, DiagnosticSeverity.Error);

    /// <summary>
    /// A rule of publication rather than of execution: an error for a new version, a warning for
    /// one published before the rule existed. Returns true when it was an error.
    /// </summary>
    public bool Policy(XElement owner, XElement at, string message)
    {
        Report(owner, at, message, Published ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
        return !Published;
    }

    public void Warning(XElement element, string message) => Report(element, element, message, DiagnosticSeverity.Warning);

    /// <summary>
    /// A finding about <paramref name="owner"/> (its id and type) found at a child element such as
    /// a form field, whose line points the reader at the exact place.
    /// </summary>
    public void Error(XElement owner, XElement at, string message) => Report(owner, at, message, DiagnosticSeverity.Error);

    public void Warning(XElement owner, XElement at, string message) => Report(owner, at, message, DiagnosticSeverity.Warning);

    public void Error(FlowNode node, string message) =>
        Add(new BpmnDiagnostic(node.Id, node.ElementType, node.Line, message));

    public void Warning(FlowNode node, string message) =>
        Add(new BpmnDiagnostic(node.Id, node.ElementType, node.Line, message, DiagnosticSeverity.Warning));

    public void Error(SequenceFlow flow, string message) =>
        Add(new BpmnDiagnostic(flow.Id, "sequenceFlow", flow.Line, message));

    public void Warning(SequenceFlow flow, string message) =>
        Add(new BpmnDiagnostic(flow.Id, "sequenceFlow", flow.Line, message, DiagnosticSeverity.Warning));

    private void Report(XElement owner, XElement at, string message, DiagnosticSeverity severity) =>
        Add(new BpmnDiagnostic(owner.Id(), owner.Name.LocalName, at.Line(), message, severity));
}
