using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Pages;

/// <summary>
/// Puts the runtime's refusal of a change on the form it came from: each field error beside its field (the
/// ModelState key is the runtime's field name, which is also the form field's name), the rest as the
/// form's own message. The runtime words its refusals in English; the pages show them as they are.
/// </summary>
public static class FormRefusals
{
    /// <summary>The key of the messages that belong to no field.</summary>
    public const string Form = "";

    public static void Show(this ModelStateDictionary state, WorkflowRequestException refusal)
    {
        if (refusal is ValidationException { Errors.Count: > 0 } invalid)
        {
            foreach (var error in invalid.Errors) state.AddModelError(FieldOf(error.Field), error.Message);
            return;
        }
        state.AddModelError(Form, refusal.Message);
    }

    /// <summary>The messages for one field (<see cref="Form"/> for the form's own).</summary>
    public static IReadOnlyList<string> Of(this ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];

    /// <summary>" is-invalid" when the field has an error: Bootstrap's red border.</summary>
    public static string Invalid(this ModelStateDictionary state, string field) => state.Of(field).Count > 0 ? " is-invalid" : "";

    /// <summary>The field's messages under it, marked <c>data-error-for</c> with the field's name.</summary>
    public static IHtmlContent ErrorsFor(this ModelStateDictionary state, string field)
    {
        var messages = state.Of(field);
        if (messages.Count == 0) return HtmlString.Empty;
        var encoder = HtmlEncoder.Default;
        return new HtmlString($"<div class=\"invalid-feedback d-block\" data-error-for=\"{encoder.Encode(field)}\">" +
                              string.Join("<br />", messages.Select(encoder.Encode)) + "</div>");
    }

    // userNames[3] of a group's members belongs to the member list as a whole.
    private static string FieldOf(string? field) =>
        field is null ? Form : field.IndexOf('[', StringComparison.Ordinal) is var i and > 0 ? field[..i] : field;
}
