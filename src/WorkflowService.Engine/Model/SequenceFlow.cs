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
}
