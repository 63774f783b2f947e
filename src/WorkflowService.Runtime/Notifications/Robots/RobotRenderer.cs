using Fluid;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Mail;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Renders a robot message from its Liquid template, a folder under <c>workflows/templates</c> like a mail's
/// (<see cref="TemplateStore"/>): <c>subject.liquid</c> is the title (one line), <c>body.liquid</c> the
/// markdown. Chinese by default, as the team reads it; times in the department's zone. Not HTML-encoded: the
/// text is markdown, and the chat shows an entity as it is.
/// </summary>
public sealed class RobotRenderer(TemplateStore templates, IOptions<AppOptions> app)
{
    private readonly TemplateOptions _options = new() { TimeZone = app.Value.Zone };

    public bool Exists(string template) => templates.Exists(template);

    public string TemplatesDirectory => templates.TemplatesDirectory;

    /// <exception cref="MailTemplateException">The template is missing or does not parse.</exception>
    public async Task<RobotMessage> RenderAsync(string template, RobotNotice notice)
    {
        var parsed = templates.Get(template);
        var title = (await parsed.Subject.RenderAsync(Context(notice), NullEncoder.Default)).Trim();
        // A title is a chat-list preview and a card header: one line.
        title = string.Join(' ', title.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = (await parsed.Body.RenderAsync(Context(notice), NullEncoder.Default)).Trim();
        return new RobotMessage(title, text);
    }

    private TemplateContext Context(RobotNotice notice)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in notice.Model) context.SetValue(name, Zoned(value));
        context.SetValue("event", notice.Event);
        context.SetValue("link", notice.Link);
        return context;
    }

    /// <summary>Times in the department's zone, at any depth (the <c>date</c> filter would show them in UTC).</summary>
    private object? Zoned(object? value) => value switch
    {
        DateTimeOffset t => TimeZoneInfo.ConvertTime(t, _options.TimeZone),
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(p => p.Key, p => Zoned(p.Value), StringComparer.Ordinal),
        IEnumerable<object?> list when value is not string => list.Select(Zoned).ToList(),
        _ => value,
    };
}
