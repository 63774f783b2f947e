using System.Collections.Immutable;

namespace WorkflowService.Engine.Model;

public enum FormFieldType
{
    String,
    Long,
    Boolean,
    Date,
    Enum,
}

public sealed record EnumOption(string Id, string Name);

/// <summary>A field of <c>camunda:formData</c> (or the older <c>camunda:formProperty</c>).</summary>
public sealed record FormField
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public FormFieldType Type { get; init; } = FormFieldType.String;

    /// <summary>Default value as written; may be an expression.</summary>
    public string? DefaultValue { get; init; }
    public ImmutableArray<EnumOption> Options { get; init; } = [];
    public bool Required { get; init; }
    public bool Readonly { get; init; }

    /// <summary>Numeric bounds for long fields; ISO dates for date fields are compared as dates.</summary>
    public string? Min { get; init; }
    public string? Max { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
}
