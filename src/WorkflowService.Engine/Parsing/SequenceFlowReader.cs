using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// <c>sequenceFlow</c> with its optional condition: a JavaScript expression in <c>${...}</c>, or a
/// script condition (<c>language="javascript"</c>, the script's value decides). Plain text without
/// a language, or a condition in another language, would be misread, so it is refused.
/// Whether source and target exist is checked later, once every node is known.
/// </summary>
internal static class SequenceFlowReader
{
    public static void Read(XElement element, ReadContext ctx)
    {
        var source = element.Attr("sourceRef");
        var target = element.Attr("targetRef");
        if (source is null || target is null)
        {
            ctx.Diagnostics.Error(element,
                $"{ElementLabels.Describe(element)} has no {(source is null ? "sourceRef" : "targetRef")}; connect both of its ends");
            return;
        }

        // Hand-written files (Camunda's own tests among them) often leave flows without ids, and
        // Camunda accepts them; a name derived from the ends keeps such a flow addressable.
        var id = element.Id();
        if (id is null)
        {
            id = $"{source}_to_{target}";
            ctx.Diagnostics.Add(new BpmnDiagnostic(id, "sequenceFlow", element.Line(),
                $"Sequence flow from '{source}' to '{target}' has no id; it is called '{id}'", DiagnosticSeverity.Warning));
        }
        if (!ctx.Draft.RegisterId(id, element, ctx.Diagnostics)) return;
        CommonNodeParts.CheckListeners(element, ctx);

        var name = element.Attribute("name")?.Value;
        ctx.Draft.Flows.Add(new SequenceFlow
        {
            Id = id,
            Name = string.IsNullOrWhiteSpace(name) ? null : name,
            SourceId = source,
            TargetId = target,
            Condition = Condition(element, id, ctx),
            Line = element.Line(),
            Properties = CommonNodeParts.Properties(element),
        });
    }

    private static string? Condition(XElement flow, string id, ReadContext ctx)
    {
        var condition = flow.BpmnChild("conditionExpression");
        if (condition is null) return null;
        if (condition.HasCamundaAttr("resource"))
        {
            ctx.Diagnostics.Error(flow, condition,
                $"Sequence flow '{id}' takes its condition from a file (camunda:resource), which is not supported; write the condition inline");
            return null;
        }
        var text = condition.TrimmedText();
        if (text is null)
        {
            ctx.Diagnostics.Warning(flow, condition, $"Sequence flow '{id}' has an empty condition, which is ignored");
            return null;
        }
        var language = condition.Attr("language");
        if (language is not null && !ServiceTaskReader.IsJavaScript(language))
        {
            ctx.Diagnostics.Error(flow, condition,
                $"The condition of sequence flow '{id}' is written in '{language}', which is not supported; use JavaScript, e.g. ${{approved}}");
            return text;
        }
        if (!Expressions.ExpressionEvaluator.IsExpression(text))
        {
            // A script condition (language="javascript") is the value of its script, as in Camunda;
            // plain text without a language would be evaluated as a constant string: refuse it.
            if (language is null)
            {
                ctx.Diagnostics.Error(flow, condition,
                    $"The condition of sequence flow '{id}' is plain text '{text}'; write it as an expression, e.g. ${{{text}}}");
                return text;
            }
            text = "${" + text + "}";
        }
        ExpressionChecks.Expression(ctx.Diagnostics, flow, condition, "condition", text);
        return text;
    }
}
