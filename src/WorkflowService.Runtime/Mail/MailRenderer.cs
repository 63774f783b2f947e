using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;

namespace WorkflowService.Runtime.Mail;

internal sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>
/// Renders an outbox payload with its template. The model is plain dictionaries and lists:
/// Fluid shows nothing of an unregistered POCO, and a JSON variable of any shape has to reach the
/// template. Keys: <c>instance</c>, <c>variables</c>, <c>inputs</c>, <c>task</c>, <c>tasks</c>,
/// <c>rule</c>, <c>subject</c>, <c>link</c>, <c>recipientName</c>; the instance and each task carry their name in other
/// languages as <c>names</c> (by language: <c>task.names.en</c>) and <c>otherNames</c> (a list).
/// </summary>
internal sealed class MailRenderer(TemplateStore templates, TimeZoneInfo zone)
{
    // Every Unicode range allowed: Chinese stays readable in the HTML instead of becoming &#x...;
    // markup-significant characters (< > & " ' +) are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // Dates are shown in the department's time zone (App:TimeZone), whatever zone the machine is set to:
    // the people who get the mail work there.
    private readonly TemplateOptions _options = new() { TimeZone = zone };

    /// <exception cref="MailTemplateException">The template is missing or does not parse.</exception>
    /// <exception cref="PermanentMailException">The rendered subject is not a single line.</exception>
    public async Task<RenderedMail> RenderAsync(MailPayload payload, string? recipientName)
    {
        var template = templates.Get(payload.Template);
        var model = Model(payload, recipientName);

        // The subject is a header, not HTML: no encoding, and a line break would start a new header.
        var subject = (await template.Subject.RenderAsync(Context(model), NullEncoder.Default)).Trim();
        if (SendEmailHandler.HasLineBreak(subject))
            throw new PermanentMailException($"Template '{payload.Template}' rendered a subject with a line break");

        // A fresh context per template: assignments in one template do not leak into the other.
        var html = await template.Body.RenderAsync(Context(model), Html);
        return new RenderedMail(subject, html, PlainText.FromHtml(html));
    }

    private TemplateContext Context(Dictionary<string, object?> model)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model) context.SetValue(name, value);
        return context;
    }

    private Dictionary<string, object?> Model(MailPayload payload, string? recipientName) => new(StringComparer.Ordinal)
    {
        ["instance"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = payload.Instance.Id.ToString(),
            ["definitionKey"] = payload.Instance.DefinitionKey,
            ["version"] = payload.Instance.Version,
            ["businessKey"] = payload.Instance.BusinessKey,
            ["name"] = payload.Instance.Name,
            ["names"] = Names(payload.Instance.Names),
            ["otherNames"] = OtherNames(payload.Instance.Name, payload.Instance.Names),
        },
        ["variables"] = TemplateValues.Of(payload.Variables),
        ["inputs"] = TemplateValues.Of(payload.Inputs),
        ["task"] = payload.Task is null ? null : Task(payload.Task),
        ["tasks"] = payload.Tasks.Select(Task).ToList<object?>(),
        ["rule"] = payload.Rule,
        ["breach"] = payload.Breach is { } breach
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["responsible"] = breach.Responsible,
                ["responsibleGroup"] = breach.ResponsibleGroup,
            }
            : null,
        ["subject"] = payload.Subject,
        ["link"] = payload.Link,
        ["recipientName"] = recipientName,
    };

    private Dictionary<string, object?> Task(MailTask task) => new(StringComparer.Ordinal)
    {
        ["id"] = task.Id.ToString(),
        ["name"] = task.Name,
        ["elementId"] = task.ElementId,
        ["dueAt"] = task.DueAt is { } due ? TimeZoneInfo.ConvertTime(due, _options.TimeZone) : null,
        ["assignee"] = task.Assignee,
        ["candidateGroups"] = task.CandidateGroups.ToList<object?>(),
        ["link"] = task.Link,
        ["names"] = Names(task.Names),
        ["otherNames"] = OtherNames(task.Name, task.Names),
    };

    /// <summary>The name in the other languages, each once, for a mail that shows every language (<c>task.otherNames</c>).</summary>
    private static List<object?> OtherNames(string? name, IReadOnlyDictionary<string, string>? names) =>
        [.. (names ?? new Dictionary<string, string>()).OrderBy(n => n.Key, StringComparer.OrdinalIgnoreCase).Select(n => n.Value)
            .Where(n => n != name).Distinct(StringComparer.Ordinal)];

    /// <summary>Names in other languages by language (<c>task.names.en</c>); a payload written before there were any has none.</summary>
    private static Dictionary<string, object?> Names(IReadOnlyDictionary<string, string>? names) =>
        (names ?? new Dictionary<string, string>()).ToDictionary(n => n.Key, n => (object?)n.Value, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The mail can never be sent as it is: retrying would not help.</summary>
internal sealed class PermanentMailException(string message) : Exception(message);
