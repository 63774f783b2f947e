using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// <c>userTask</c>: assignment from the Camunda attributes or, for files from other modelers,
/// from the standard <c>humanPerformer</c>/<c>potentialOwner</c>; form fields from
/// <see cref="FormFieldReader"/>. The Camunda attributes win when both are present, as in Camunda.
/// </summary>
internal static class UserTaskReader
{
    private static readonly string[] ExpressionAttributes = ["assignee", "candidateUsers", "candidateGroups", "formKey"];

    public static FlowNode Read(XElement task, ReadContext ctx)
    {
        foreach (var attribute in ExpressionAttributes)
            ExpressionChecks.IfExpression(ctx.Diagnostics, task, task, $"camunda:{attribute}", task.CamundaAttr(attribute));
        ExpressionChecks.DueDate(ctx.Diagnostics, task, "camunda:dueDate", task.CamundaAttr("dueDate"));
        ExpressionChecks.DueDate(ctx.Diagnostics, task, "camunda:followUpDate", task.CamundaAttr("followUpDate"));
        ExpressionChecks.Priority(ctx.Diagnostics, task, "camunda:priority", task.CamundaAttr("priority"));

        var roles = ReadResourceRoles(task, ctx);
        var formFields = FormFieldReader.Read(task, ctx);
        CheckCompletedByVariable(task, formFields, ctx);
        return new UserTaskNode
        {
            Id = task.Id()!,
            Assignee = task.CamundaAttr("assignee") ?? roles.Assignee,
            CandidateUsers = task.CamundaAttr("candidateUsers") ?? Join(roles.Users),
            CandidateGroups = task.CamundaAttr("candidateGroups") ?? Join(roles.Groups),
            DueDate = task.CamundaAttr("dueDate"),
            FollowUpDate = task.CamundaAttr("followUpDate"),
            Priority = task.CamundaAttr("priority"),
            FormKey = task.CamundaAttr("formKey"),
            FormFields = formFields,
        };
    }

    /// <summary>
    /// The completedByVariable property names a plain variable, and no writable form field of
    /// the task may have that id: the engine overwrites it, so the field would lie to its user.
    /// </summary>
    private static void CheckCompletedByVariable(XElement task, ImmutableArray<FormField> formFields, ReadContext ctx)
    {
        if (!CommonNodeParts.Properties(task).TryGetValue(UserTaskNode.CompletedByProperty, out var name)) return;
        if (!JsLexer.IsPlainIdentifier(name))
        {
            ctx.Diagnostics.Error(task,
                $"{ElementLabels.Describe(task)}: property {UserTaskNode.CompletedByProperty} must name a variable (letters, digits, _ and $, not starting with a digit), not '{name}'");
            return;
        }
        if (formFields.Any(f => f.Id == name && !f.Readonly))
        {
            ctx.Diagnostics.Error(task,
                $"{ElementLabels.Describe(task)}: form field '{name}' would be overwritten with the user who completes the task (property {UserTaskNode.CompletedByProperty}); remove the field or make it readonly");
        }
    }

    private sealed record ResourceRoles(string? Assignee, List<string> Users, List<string> Groups);

    /// <summary>
    /// Camunda's reading of the standard elements: a humanPerformer is the assignee; a
    /// potentialOwner lists <c>user(x)</c> and <c>group(x)</c>, and a bare name means a group.
    /// </summary>
    private static ResourceRoles ReadResourceRoles(XElement task, ReadContext ctx)
    {
        string? assignee = null;
        List<string> users = [], groups = [];
        foreach (var role in task.Elements().Where(e => e.IsBpmn() && e.LocalName() is "humanPerformer" or "potentialOwner"))
        {
            var expression = role.BpmnChild("resourceAssignmentExpression");
            var text = (expression?.BpmnChild("formalExpression") ?? expression?.BpmnChild("expression")).TrimmedText();
            if (text is null)
            {
                ctx.Diagnostics.Warning(task, role,
                    $"The {role.LocalName()} of {ElementLabels.DescribeInline(task)} has no resourceAssignmentExpression and is ignored; use camunda:assignee or camunda:candidateGroups");
                continue;
            }
            ExpressionChecks.IfExpression(ctx.Diagnostics, task, role, role.LocalName(), text);
            if (role.LocalName() == "humanPerformer")
            {
                assignee ??= Unwrap(text, "user") ?? text;
                continue;
            }
            if (ExpressionEvaluator.IsExpression(text))
            {
                groups.Add(text);
                continue;
            }
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Unwrap(part, "user") is { } user) users.Add(user);
                else groups.Add(Unwrap(part, "group") ?? part);
            }
        }
        return new ResourceRoles(assignee, users, groups);
    }

    /// <summary>"user(kermit)" → "kermit" for prefix "user"; null when the text has another form.</summary>
    private static string? Unwrap(string text, string prefix)
    {
        if (!text.StartsWith(prefix + "(", StringComparison.OrdinalIgnoreCase) || !text.EndsWith(')')) return null;
        var inner = text[(prefix.Length + 1)..^1].Trim();
        return inner.Length == 0 ? null : inner;
    }

    private static string? Join(List<string> values) => values.Count == 0 ? null : string.Join(", ", values);
}
