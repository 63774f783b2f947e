namespace WorkflowService.Engine.Model;

public sealed record SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string SourceId { get; init; }
    public required string TargetId { get; init; }

    /// <summary>Condition expression, or null for an unconditional flow.</summary>
    public string? Condition { get; init; }
    public int Line { get; init; }

    /// <summary>Extension properties (<c>camunda:properties</c>): its name in other languages (<see cref="Translations"/>).</summary>
    public System.Collections.Immutable.ImmutableDictionary<string, string> Properties { get; init; } =
        System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;
}
