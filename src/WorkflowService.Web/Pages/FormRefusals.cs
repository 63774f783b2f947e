using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages;

/// <summary>
/// Puts the runtime's refusal of a change on the form it came from: each field error beside its field (the
/// ModelState key is the runtime's field name, which is also the form field's name), the rest as the
/// form's own message. The runtime words its refusals in English; a page shows them in its reader's language by their
/// stable code (Localization/refusals.json), the runtime's English being the fallback for one no text is written for.
/// </summary>
public static partial class FormRefusals
{
    /// <summary>The key of the messages that belong to no field.</summary>
    public const string Form = "";

    public static void Show(this ModelStateDictionary state, WorkflowRequestException refusal, T t)
    {
        if (refusal is ValidationException { Errors.Count: > 0 } invalid)
        {
            foreach (var error in invalid.Errors) state.AddModelError(FieldOf(error.Field), Describe(t, error));
            return;
        }
        state.AddModelError(Form, Describe(t, refusal));
    }

    /// <summary>
    /// A field's refusal in the reader's language: the text <c>Refusal.{field}.{code}</c>, the field's indexes dropped
    /// (<c>changes[2].date</c> → <c>Refusal.changes[].date.invalid</c>), else <c>Refusal.{code}</c> for a code that means the
    /// same whichever field it names (Identity's password rules), given the value the refusal names; the runtime's
    /// message when neither is a text.
    /// </summary>
    public static string Describe(T t, ValidationError error)
    {
        if (error.Code is not { } code) return error.Message;
        var key = error.Field is { } field ? $"Refusal.{Index().Replace(field, "[]")}.{code}" : null;
        if (key is null || !t.Has(key)) key = "Refusal." + code;
        return t.Has(key) ? t.Format(key, error.Argument ?? "") : error.Message;
    }

    /// <summary>A refusal of the whole request: <c>Refusal.{code}</c> with the value it names, else the runtime's message.</summary>
    public static string Describe(T t, WorkflowRequestException refusal) =>
        refusal.Code is { } code && t.Has("Refusal." + code) ? t.Format("Refusal." + code, refusal.Argument ?? "") : refusal.Message;

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

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
