using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// The <c>send-email</c> topic: writes one <c>email</c> outbox row in the step's transaction,
/// so the mail exists exactly when the step commits; <see cref="OutboxJob"/> sends it after.
/// Everything that can be judged now is judged now, before anything is written: a send task
/// with no recipient, an unknown template or a line break in a header value becomes an
/// incident on the task instead of a mail that can never be sent (or one with injected headers).
/// Inputs: <c>to</c> (required) and <c>cc</c> as a comma-separated string or an array of
/// strings (user names, group names, addresses), <c>template</c> (default <c>escalation</c>),
/// <c>subject</c>, <c>rule</c>; any other input reaches the template as <c>inputs</c>.
/// </summary>
public sealed class SendEmailHandler(TemplateStore templates, IOptions<AppOptions> app,
    Notifications.Robots.RobotAlerts? robots = null) : IInternalTopicHandler
{
    public const string TopicName = "send-email";
    public const string DefaultTemplate = "escalation";

    private static readonly HashSet<string> OwnInputs = new(["to", "cc", "template", "subject", "rule"], StringComparer.Ordinal);

    public string Topic => TopicName;

    public async ValueTask<IReadOnlyDictionary<string, JsonElement>> HandleAsync(InternalTaskContext context, CancellationToken ct)
    {
        var scope = context.Scope;
        var inputs = context.Task.Inputs;
        var where = $"Send task '{context.Task.ElementId}'";

        var to = Recipients(inputs, "to", where);
        if (to.Count == 0) throw new InternalTaskException($"{where} has no recipient: input 'to' is missing or empty");
        var cc = Recipients(inputs, "cc", where);
        var template = Text(inputs, "template", where) is { Length: > 0 } t ? t : DefaultTemplate;
        if (!TemplateStore.IsValidName(template))
            throw new InternalTaskException($"{where}: template name '{template}' is invalid (use lower-case letters, digits, '-' and '_')");
        if (!templates.Exists(template))
            throw new InternalTaskException($"{where}: email template '{template}' does not exist in {templates.TemplatesDirectory}");
        var subject = SingleLine(Text(inputs, "subject", where), "subject", where);
        // The rule is shown in the subject too (the shipped subject template), so it is a header value as well.
        var rule = SingleLine(Text(inputs, "rule", where), "rule", where);

        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        var openTasks = await OpenTasksAsync(scope, ct);
        var tasks = openTasks
            .Select(x => MailTask.Of(x, scope.Model, baseUrl))
            .ToList();
        var instance = scope.Instance;
        var payload = new MailPayload
        {
            To = to, Cc = cc, Template = template, Subject = subject, Rule = rule, ElementId = context.Task.ElementId,
            Instance = MailInstance.Of(instance, scope.Model),
            Variables = scope.State.Variables,
            Inputs = inputs.Where(i => !OwnInputs.Contains(i.Key)).ToDictionary(StringComparer.Ordinal),
            Tasks = tasks,
            // Due first; a task without a due date is still worth linking to when it is the only one.
            Task = tasks.OrderBy(x => x.DueAt ?? DateTimeOffset.MaxValue).FirstOrDefault(),
            Link = $"{baseUrl}/instances/{instance.Id}",
            Breach = rule is null ? null : await BreachAsync(scope, rule, ct),
        };

        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(scope.Now), InstanceId = instance.Id, Kind = MailPayload.Kind,
            PayloadJson = payload.Serialize(), CreatedAt = scope.Now, Status = OutboxStatus.Pending,
        };
        scope.Db.Outbox.Add(row);
        scope.Effects.Outbox.Add(row.Id);
        // An escalation reaches the group robots subscribed to escalations as well (issue 15).
        if (robots is not null && template == DefaultTemplate)
            await robots.EscalationAsync(scope, openTasks, rule, subject, payload.Breach?.ResponsibleGroup, ct);
        return VariableMap.Empty;
    }

    /// <summary>
    /// Open tasks of the instance as this step leaves them: rows already saved, plus those added
    /// in this step, minus those it closed (the step's own rows, loaded once per step).
    /// </summary>
    private static async Task<List<TaskRecord>> OpenTasksAsync(StepScope scope, CancellationToken ct) =>
        [.. (await scope.OpenTasks.WhereAsync(t => t.Status == UserTaskStatus.Open, ct))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.LocalId)];

    /// <summary>
    /// Who the latest breach of the rule in this instance is charged to: usually recorded by this very step
    /// (the SLA timer fired and its escalation path reached this send task), so not saved yet.
    /// </summary>
    private static async Task<MailBreach?> BreachAsync(StepScope scope, string rule, CancellationToken ct)
    {
        var id = scope.Instance.Id;
        var breach = scope.Db.Breaches.Local.Where(b => b.InstanceId == id && b.Rule == rule).LastOrDefault()
                     ?? await scope.Db.Breaches.AsNoTracking().Where(b => b.InstanceId == id && b.Rule == rule)
                         .OrderByDescending(b => b.Id).FirstOrDefaultAsync(ct);
        return breach is null ? null : new MailBreach(breach.Responsible, breach.ResponsibleGroup);
    }

    /// <summary>A comma-separated string or an array of them; duplicates (ignoring case) dropped, order kept.</summary>
    private static List<string> Recipients(ImmutableDictionary<string, JsonElement> inputs, string name, string where)
    {
        var result = new List<string>();
        if (!inputs.TryGetValue(name, out var value)) return result;
        IEnumerable<JsonElement> items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            _ => [value],
        };
        foreach (var item in items)
        {
            if (item.ValueKind is JsonValueKind.Null) continue;
            if (item.ValueKind is not JsonValueKind.String)
                throw new InternalTaskException($"{where}: input '{name}' must be text or a list of texts, not {item.ValueKind}");
            var text = item.GetString()!;
            // Checked before splitting and trimming: a line break anywhere is an attempt to add headers.
            if (HasLineBreak(text))
                throw new InternalTaskException($"{where}: input '{name}' contains a line break: '{Printable(text)}'");
            foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!result.Contains(entry, StringComparer.OrdinalIgnoreCase)) result.Add(entry);
            }
        }
        return result;
    }

    private static string? Text(ImmutableDictionary<string, JsonElement> inputs, string name, string where)
    {
        if (!inputs.TryGetValue(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new InternalTaskException($"{where}: input '{name}' must be text, not {value.ValueKind}"),
        };
    }

    private static string? SingleLine(string? text, string name, string where) =>
        text is not null && HasLineBreak(text)
            ? throw new InternalTaskException($"{where}: input '{name}' contains a line break: '{Printable(text)}'")
            : text;

    internal static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static string Printable(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");
}
