using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// <c>camunda:inputOutput</c> of an external task: text (literal or expression), lists and maps,
/// nested as deep as the document allows. Scripts inside parameters are refused: expressions
/// cover what a mapping needs, and a script here would run outside the script-task limits.
/// </summary>
internal static class IoParameterReader
{
    public static (ImmutableArray<IoParameter> Inputs, ImmutableArray<IoParameter> Outputs) Read(XElement task, ReadContext ctx)
    {
        var inputs = ImmutableArray.CreateBuilder<IoParameter>();
        var outputs = ImmutableArray.CreateBuilder<IoParameter>();
        foreach (var parameter in task.CamundaExtensions("inputOutput").SelectMany(io => io.Elements().Where(e => e.IsCamunda())))
        {
            var target = parameter.LocalName() switch
            {
                "inputParameter" => inputs,
                "outputParameter" => outputs,
                _ => null,
            };
            if (target is null) continue;
            var name = parameter.Attr("name");
            if (name is null)
            {
                ctx.Diagnostics.Error(task, parameter,
                    $"An {parameter.LocalName()} of {ElementLabels.DescribeInline(task)} has no name; the name is the variable it sets");
                continue;
            }
            target.Add(new IoParameter(name, ReadContent(task, parameter, $"parameter '{name}'", ctx)));
        }
        return (inputs.ToImmutable(), outputs.ToImmutable());
    }

    /// <summary>The value held by a parameter or a map entry: one structured child, or text.</summary>
    private static IoValue ReadContent(XElement task, XElement holder, string what, ReadContext ctx)
    {
        var structured = holder.Elements().Where(e => e.IsCamunda()).ToList();
        if (structured.Count == 0) return Text(task, holder, what, ctx);
        if (structured.Count > 1)
        {
            ctx.Diagnostics.Error(task, holder,
                $"The {what} of {ElementLabels.DescribeInline(task)} has {structured.Count} values; wrap several values in one camunda:list");
        }
        return ReadStructured(task, structured[0], what, ctx);
    }

    private static IoValue ReadStructured(XElement task, XElement element, string what, ReadContext ctx)
    {
        switch (element.LocalName())
        {
            case "list":
                return new IoList([.. element.Elements().Where(e => e.IsCamunda()).Select(item => ReadListItem(task, item, what, ctx))]);
            case "map":
                return ReadMap(task, element, what, ctx);
            case "script":
                ctx.Diagnostics.Error(task, element,
                    $"The {what} of {ElementLabels.DescribeInline(task)} uses a camunda:script, which is not supported in input/output parameters; use an expression such as ${{customer.email}}");
                return new IoText(null);
            default:
                ctx.Diagnostics.Error(task, element,
                    $"The {what} of {ElementLabels.DescribeInline(task)} contains camunda:{element.LocalName()}, which is not supported; use text, an expression, camunda:list or camunda:map");
                return new IoText(null);
        }
    }

    private static IoValue ReadListItem(XElement task, XElement item, string what, ReadContext ctx) =>
        item.LocalName() == "value" ? Text(task, item, what, ctx) : ReadStructured(task, item, what, ctx);

    private static IoMap ReadMap(XElement task, XElement map, string what, ReadContext ctx)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, IoValue>>();
        foreach (var entry in map.CamundaChildren("entry"))
        {
            var key = entry.Attribute("key")?.Value;
            if (string.IsNullOrEmpty(key))
            {
                ctx.Diagnostics.Error(task, entry,
                    $"A map entry in the {what} of {ElementLabels.DescribeInline(task)} has no key");
                continue;
            }
            entries.Add(new(key, ReadContent(task, entry, $"{what}, entry '{key}'", ctx)));
        }
        return new IoMap(entries.ToImmutable());
    }

    /// <summary>Text as written (a template may mean its line breaks); whitespace alone is no value.</summary>
    private static IoText Text(XElement task, XElement holder, string what, ReadContext ctx)
    {
        var text = holder.Value;
        if (string.IsNullOrWhiteSpace(text)) return new IoText(null);
        ExpressionChecks.IfExpression(ctx.Diagnostics, task, holder, what, text);
        return new IoText(text);
    }
}
