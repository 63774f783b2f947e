using System.Collections.Immutable;

namespace WorkflowService.Engine.Model;

/// <summary>The form field types of Camunda 7's <c>camunda:formField type="..."</c>, named as written there.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The members are Camunda's form field type names (string, long, boolean, date, enum).")]
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

    /// <summary>
    /// The field's <c>camunda:properties</c> (<c>id</c>/<c>value</c>): its label and its values' names in other languages
    /// (<see cref="Translations"/>).
    /// </summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The property that makes a string field a choice of person: its value names the group.</summary>
    public const string MemberOfProperty = "memberOf";

    /// <summary>
    /// A person field (<c>&lt;camunda:property id="memberOf" value="engineers"/&gt;</c>, or several groups separated by commas):
    /// the answer is the user name of an enabled member of one of these groups, checked by the runtime when the form is
    /// submitted; a form offers the members to pick from.
    /// </summary>
    public string? MemberOf => Properties.GetValueOrDefault(MemberOfProperty) is { Length: > 0 } group ? group.Trim() : null;

    /// <summary>The groups of <see cref="MemberOf"/>, each once; empty for a field that is not a person field.</summary>
    public IReadOnlyList<string> MemberOfGroups =>
        MemberOf?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
