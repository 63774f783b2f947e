using System.Collections.Immutable;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>Limits that make hostile input fail fast.</summary>
public sealed record ParserLimits
{
    public long MaxBytes { get; init; } = 5 * 1024 * 1024;
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
}

/// <summary>STUB: replaced by the parser implementation.</summary>
public sealed class BpmnParser(ParserLimits? limits = null)
{
    public ParserLimits Limits { get; } = limits ?? new ParserLimits();

    public ParseResult Parse(string xml) => throw new NotImplementedException();
    public ParseResult Parse(Stream stream) => throw new NotImplementedException();
}
