using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// The <c>notify</c> topic, <c>send-email</c>'s sibling for group robots: a process posts to a chat group.
/// Inputs: <c>robot</c> (a robot's name: that robot, whatever it is subscribed to) or <c>event</c> (one of
/// <see cref="RobotEvents"/>: every robot subscribed to it, limited by groups to the instance's open tasks'
/// candidate groups); <c>template</c> (default <c>robot-&lt;event&gt;</c>, or <c>robot-notify</c> for a named
/// robot); any other input reaches the template as <c>inputs</c> (<c>robot-notify</c> shows <c>title</c> and
/// <c>text</c>). The rows are written in the step's transaction, as a send task's mail is. An unknown robot,
/// event or template is an incident, not a message that can never be sent.
/// </summary>
public sealed class NotifyHandler(RobotDirectory directory, RobotOutbox outbox, RobotAlerts alerts, RobotRenderer renderer)
    : IInternalTopicHandler
{
    public const string TopicName = "notify";
    public const string DefaultTemplate = "robot-notify";

    private static readonly HashSet<string> OwnInputs = new(["robot", "event", "template"], StringComparer.Ordinal);

    public string Topic => TopicName;

    public async ValueTask<IReadOnlyDictionary<string, JsonElement>> HandleAsync(InternalTaskContext context, CancellationToken ct)
    {
        var scope = context.Scope;
        var inputs = context.Task.Inputs;
        var where = $"Notify task '{context.Task.ElementId}'";
        var robotName = Text(inputs, "robot", where);
        var evt = Text(inputs, "event", where)?.ToLowerInvariant();
        if (robotName is null && evt is null)
            throw new InternalTaskException($"{where} names no robot: give input 'robot' (a robot's name) or 'event' ({string.Join(", ", RobotEvents.All)})");
        if (evt is not null && !RobotEvents.IsKnown(evt))
            throw new InternalTaskException($"{where}: unknown event '{evt}' (use {string.Join(", ", RobotEvents.All)})");
        var template = Text(inputs, "template", where) ?? (evt is null ? DefaultTemplate : RobotEvents.Template(evt));
        if (!TemplateStore.IsValidName(template))
            throw new InternalTaskException($"{where}: template name '{template}' is invalid (use lower-case letters, digits, '-' and '_')");
        if (!renderer.Exists(template))
            throw new InternalTaskException($"{where}: robot template '{template}' does not exist in {renderer.TemplatesDirectory}");

        var open = await scope.OpenTasks.WhereAsync(t => t.Status == UserTaskStatus.Open, ct);
        var model = alerts.Base(scope.Instance, scope.Model, scope.State.Variables, open);
        // The process owner's own text, as written (unlike the variables, not made inert).
        model["inputs"] = Mail.TemplateValues.Of(inputs.Where(i => !OwnInputs.Contains(i.Key)));
        model["now"] = scope.Now;
        var link = open.Count == 1 ? (string?)((Dictionary<string, object?>)model["task"]!)["link"]
                                   : (string?)((Dictionary<string, object?>)model["instance"]!)["link"];
        var groups = RobotNotice.GroupList([.. open.Select(t => t.CandidateGroups)]);
        var notice = new RobotNotice(evt ?? "notify", groups, link, model, scope.Instance.Id);

        if (robotName is not null)
        {
            var robot = await directory.FindAsync(scope.Db, robotName, ct)
                        ?? throw new InternalTaskException($"{where}: no robot is named '{robotName}' (Notifications:Robots or /admin/robots)");
            try
            {
                scope.Effects.Outbox.Add(await outbox.QueueToAsync(scope.Db, robot, template, notice, scope.Now));
            }
            catch (MailTemplateException ex)
            {
                throw new InternalTaskException($"{where}: {ex.Message}");
            }
        }
        else
        {
            scope.Effects.Outbox.AddRange(await outbox.QueueAsync(scope.Db, notice, scope.Now, ct, template));
        }
        return VariableMap.Empty;
    }

    private static string? Text(System.Collections.Immutable.ImmutableDictionary<string, JsonElement> inputs, string name, string where)
    {
        if (!inputs.TryGetValue(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text.Trim() : null,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => throw new InternalTaskException($"{where}: input '{name}' must be text, not {value.ValueKind}"),
        };
    }
}
