using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Engine.Tests.Support;

/// <summary>
/// Builds small test processes from BPMN elements plus a compact flow notation, parsed by the
/// real parser: <c>"start -> task -> end; gw -> a [${x > 1}]"</c>. Flow ids are
/// <c>source_target</c>. Elements are written without a prefix in the BPMN namespace; the
/// <c>camunda:</c> prefix is declared.
/// </summary>
public static partial class TestProcess
{
    public static ProcessModel Parse(string elements, string flows = "", string definitions = "")
    {
        var xml = Xml(elements, flows, definitions);
        var result = new BpmnParser().Parse(xml);
        if (!result.Success)
            throw new Xunit.Sdk.XunitException("Test process refused:\n" + string.Join("\n", result.Errors) + "\n" + xml);
        return Assert.Single(result.Processes);
    }

    public static string Xml(string elements, string flows = "", string definitions = "")
    {
        var sb = new StringBuilder();
        sb.AppendLine("""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         targetNamespace="test">
            """);
        sb.AppendLine(definitions);
        sb.AppendLine("""<process id="test" isExecutable="true">""");
        sb.AppendLine(elements);
        foreach (var (source, target, condition) in ParseFlows(flows))
        {
            var id = $"{source}_{target}";
            if (condition is null)
                sb.AppendLine(CultureInfo.InvariantCulture, $"""<sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}" />""");
            else
                sb.AppendLine(CultureInfo.InvariantCulture, $"""<sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}"><conditionExpression xsi:type="tFormalExpression"><![CDATA[{condition}]]></conditionExpression></sequenceFlow>""");
        }
        sb.AppendLine("</process></definitions>");
        return sb.ToString();
    }

    private static IEnumerable<(string Source, string Target, string? Condition)> ParseFlows(string flows)
    {
        foreach (var chain in flows.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var steps = chain.Split("->", StringSplitOptions.TrimEntries);
            for (var i = 0; i < steps.Length - 1; i++)
            {
                var target = Step().Match(steps[i + 1]);
                yield return (Step().Match(steps[i]).Groups["id"].Value, target.Groups["id"].Value,
                    target.Groups["cond"].Success ? target.Groups["cond"].Value : null);
            }
        }
    }

    [GeneratedRegex(@"^(?<id>[\w.-]+)\s*(\[(?<cond>.*)\])?$")]
    private static partial Regex Step();
}
