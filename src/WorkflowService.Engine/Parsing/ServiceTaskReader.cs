using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// <c>serviceTask</c>/<c>sendTask</c> and <c>scriptTask</c>. The engine runs no user code of
/// its own except JavaScript under hard limits: Java delegates, connectors and other script
/// languages are refused, and service work goes to external workers by topic.
/// </summary>
internal static class ServiceTaskReader
{
    private const string UseExternal =
        "use camunda:type=\"external\" with a camunda:topic (an external worker or a built-in topic such as send-email does the work)";

    public static FlowNode? ReadExternal(XElement task, ReadContext ctx)
    {
        var type = task.CamundaAttr("type");
        if (!string.Equals(type, "external", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Diagnostics.Error(task, Implementation(task, type) is { } implementation
                ? $"{ElementLabels.Describe(task)}: {implementation} is not supported; {UseExternal}"
                : $"{ElementLabels.Describe(task)} has no implementation, which is not supported; {UseExternal}");
            return null;
        }
        var topic = task.CamundaAttr("topic");
        if (topic is null)
        {
            ctx.Diagnostics.Error(task,
                $"{ElementLabels.Describe(task)} has camunda:type=\"external\" but no camunda:topic; name the topic its worker (or a built-in handler such as send-email) takes work from");
            return null;
        }
        ExpressionChecks.IfExpression(ctx.Diagnostics, task, task, "camunda:topic", topic);
        var priority = task.CamundaAttr("taskPriority");
        ExpressionChecks.Priority(ctx.Diagnostics, task, "camunda:taskPriority", priority);

        var (inputs, outputs) = IoParameterReader.Read(task, ctx);
        return new ExternalTaskNode
        {
            Id = task.Id()!,
            XmlElementType = task.LocalName(),
            Topic = topic,
            Priority = priority,
            Inputs = inputs,
            Outputs = outputs,
        };
    }

    /// <summary>Names what the task uses instead of an external topic, for the refusal message.</summary>
    private static string? Implementation(XElement task, string? type)
    {
        if (task.HasCamundaAttr("class")) return "camunda:class";
        if (task.HasCamundaAttr("delegateExpression")) return "camunda:delegateExpression";
        if (task.HasCamundaAttr("expression")) return "camunda:expression";
        if (task.CamundaExtensions("connector").Any()) return "camunda:connector";
        if (type is not null) return $"camunda:type=\"{type}\"";
        return null;
    }

    public static FlowNode? ReadScript(XElement task, ReadContext ctx)
    {
        if (task.HasCamundaAttr("resource"))
        {
            ctx.Diagnostics.Error(task,
                $"{ElementLabels.Describe(task)}: external scripts (camunda:resource) are not supported; use JavaScript written inline in the script task");
            return null;
        }
        var format = task.Attr("scriptFormat");
        if (format is null)
        {
            ctx.Diagnostics.Warning(task, $"{ElementLabels.Describe(task)} has no scriptFormat; it is run as JavaScript");
        }
        else if (!IsJavaScript(format))
        {
            ctx.Diagnostics.Error(task,
                $"{ElementLabels.Describe(task)} is written in '{format}', which is not supported; use JavaScript");
            return null;
        }
        var script = task.BpmnChild("script").TrimmedText();
        if (script is null)
        {
            ctx.Diagnostics.Error(task, $"{ElementLabels.Describe(task)} has no script; write the JavaScript to run in its script");
            return null;
        }
        ExpressionChecks.Script(ctx.Diagnostics, task, task.BpmnChild("script")!, script);
        return new ScriptTaskNode { Id = task.Id()!, Script = script, ResultVariable = task.CamundaAttr("resultVariable") };
    }

    /// <summary>The names Camunda and common tools write for JavaScript (scriptFormat or expression language).</summary>
    public static bool IsJavaScript(string language) =>
        language.Trim().ToLowerInvariant() is "javascript" or "js" or "ecmascript" or "application/javascript"
            or "text/javascript" or "application/ecmascript";
}
