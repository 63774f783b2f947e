using System.Text.Json;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Forms;
using WorkflowService.Engine.Model;

using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Api;

/// <summary>How the API shows a form field, a task's or a start form's: one shape for both.</summary>
internal static class FormFieldDtos
{
    /// <param name="people">A person field's choices: offered as its options (the user name is the option's id).</param>
    public static FormFieldDto From(FormField field, JsonElement? value, IReadOnlyList<PersonChoice>? people = null) =>
        new(field.Id, field.Label, field.Type.ToString().ToLowerInvariant(), field.Required, field.Readonly, field.Min, field.Max,
            field.MinLength, field.MaxLength,
            people is not null ? [.. people.Select(p => new EnumOption(p.UserName, p.DisplayName))] : field.Options.IsEmpty ? null : field.Options,
            value, field.MemberOf);

    /// <summary>
    /// A start form field with the value to offer: its default when that is a literal the field accepts, typed as the field
    /// stores it ("1" of a long field is 1). An expression has no variables to read before the start, so it offers nothing.
    /// </summary>
    public static FormFieldDto ForStart(FormField field)
    {
        if (field.DefaultValue is not { Length: > 0 } text || ExpressionEvaluator.IsExpression(text)) return From(field, null);
        var asAnswer = FormValidator.Validate([field with { Readonly = false }],
            new Dictionary<string, JsonElement> { [field.Id] = JsonSerializer.SerializeToElement(text) });
        return From(field, asAnswer.Values.TryGetValue(field.Id, out var value) ? value : null);
    }
}
