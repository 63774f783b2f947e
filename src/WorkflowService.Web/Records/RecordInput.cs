namespace WorkflowService.Web.Records;

/// <summary>
/// One plain input of a records form: its posted name (the service's field name, so a refusal lands next to it),
/// the text to show (what was typed, kept on a refusal) and the errors to show under it.
/// </summary>
public sealed record RecordInput(string Name, string Label, string Value, IReadOnlyList<string> Errors, string Type = "text",
    bool Required = false)
{
    public string ElementId => "f-" + Name.Replace('[', '-').Replace("]", "", StringComparison.Ordinal).Replace('.', '-');
}
