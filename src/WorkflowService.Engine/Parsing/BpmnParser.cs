using System.Collections.Immutable;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>Limits that make hostile input fail fast.</summary>
public sealed record ParserLimits
{
    /// <summary>Largest accepted document, in UTF-8 bytes for a string, in bytes for a stream.</summary>
    public long MaxBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting; the root element is level 1.</summary>
    public int MaxDepth { get; init; } = 64;

    public int MaxElements { get; init; } = 50_000;
}

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>A deploy-time finding, naming the element, its type and its line.</summary>
public sealed record BpmnDiagnostic(string? ElementId, string? ElementType, int Line, string Message,
    DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    public override string ToString() =>
        $"line {Line}: {(ElementId is null ? "" : $"{ElementType} '{ElementId}': ")}{Message}";
}

/// <summary>The executable processes of a file, or why they cannot run.</summary>
public sealed record ParseResult(ImmutableArray<ProcessModel> Processes, ImmutableArray<BpmnDiagnostic> Diagnostics)
{
    public bool Success => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    public IEnumerable<BpmnDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
    public IEnumerable<BpmnDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);
}

/// <summary>
/// BPMN 2.0 XML (with the Camunda 7 extensions) → immutable <see cref="ProcessModel"/>s plus
/// diagnostics that name element, type and line. Never throws for any input: hostile or broken
/// documents come back as a <see cref="ParseResult"/> with an error. Stateless and thread-safe.
/// </summary>
public sealed class BpmnParser(ParserLimits? limits = null)
{
    public ParserLimits Limits { get; } = limits ?? new ParserLimits();

    public ParseResult Parse(string xml) =>
        Run(diagnostics => xml is null
            ? Missing(diagnostics)
            : SafeXmlLoader.Load(xml, Limits, diagnostics));

    /// <summary>
    /// Reads a version that was published earlier: rules of publication added since then (such as
    /// the shortest cycle) are reported as warnings, so that an upgrade never stops the running
    /// instances of an accepted version. Execution rules and safety limits apply as ever.
    /// </summary>
    public ParseResult ParsePublished(string xml) =>
        Run(diagnostics => xml is null
            ? Missing(diagnostics)
            : SafeXmlLoader.Load(xml, Limits, diagnostics), published: true);

    /// <summary>
    /// The file with the names a diagram shows in <paramref name="language"/> where it has them (<see cref="Translations"/>);
    /// the file as it is when there is no language, nothing to translate, or it does not load within the limits.
    /// </summary>
    public string TranslateNames(string xml, string? language)
    {
        if (string.IsNullOrEmpty(language) || !xml.Contains(Translations.Name + ":", StringComparison.Ordinal)) return xml;
        var document = SafeXmlLoader.Load(xml, Limits, new DiagnosticBag());
        return document is null ? xml : DiagramTranslator.Translate(document, xml, language);
    }

    /// <summary>Reads at most <see cref="ParserLimits.MaxBytes"/> + 1 bytes; the stream is not closed.</summary>
    public ParseResult Parse(Stream stream) =>
        Run(diagnostics => stream is null
            ? Missing(diagnostics)
            : SafeXmlLoader.Load(stream, Limits, diagnostics));

    private static ParseResult Run(Func<DiagnosticBag, System.Xml.Linq.XDocument?> load, bool published = false)
    {
        var diagnostics = new DiagnosticBag(published);
        var processes = ImmutableArray<ProcessModel>.Empty;
        try
        {
            var document = load(diagnostics);
            if (document is not null) processes = DocumentReader.Read(document, diagnostics);
        }
        catch (Exception e)
        {
            // The contract is "never throws"; an exception here is a parser bug, reported as one.
            diagnostics.DocumentError($"The parser failed on this document ({e.GetType().Name}: {e.Message})");
            processes = [];
        }
        // In line order: the list reads top to bottom like the file it describes.
        var ordered = diagnostics.ToImmutable().OrderBy(d => d.Line).ToImmutableArray();
        return new ParseResult(processes, ordered);
    }

    private static System.Xml.Linq.XDocument? Missing(DiagnosticBag diagnostics)
    {
        diagnostics.DocumentError("No document was given");
        return null;
    }
}
