using System.Collections;
using System.Reflection;
using System.Text;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Small BPMN documents for parser tests, and assertions that read like the rules.</summary>
internal static class BpmnFixture
{
    public const string BpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string CamundaNs = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>A definitions document with one executable process 'p' holding <paramref name="body"/>.</summary>
    public static string Process(string body, string rootElements = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnNs}" xmlns:camunda="{CamundaNs}"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="test">
        {rootElements}
          <process id="p" name="Test process" isExecutable="true">
        {body}
          </process>
        </definitions>
        """;

    /// <summary>A start event 's' → <paramref name="middle"/> … → end event 'e' frame is often all a test needs.</summary>
    public static string Linear(string nodeXml, string nodeId, string rootElements = "") => Process($"""
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="{nodeId}" />
            {nodeXml}
            <sequenceFlow id="f2" sourceRef="{nodeId}" targetRef="e" />
            <endEvent id="e" />
        """, rootElements);

    public static ParseResult Parse(string xml) => new BpmnParser().Parse(xml);

    /// <summary>Parses, asserts success, returns the only process.</summary>
    public static ProcessModel Parsed(string xml)
    {
        var result = Parse(xml);
        Assert.True(result.Success, "Expected success but got:\n" + string.Join("\n", result.Errors));
        return Assert.Single(result.Processes);
    }

    public static T Node<T>(string xml, string id) where T : FlowNode => Assert.IsType<T>(Parsed(xml).Node(id));

    /// <summary>1-based line of the first line containing <paramref name="fragment"/>.</summary>
    public static int LineOf(string xml, string fragment)
    {
        var lines = xml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(fragment, StringComparison.Ordinal)) return i + 1;
        }
        throw new ArgumentException($"'{fragment}' is not in the document");
    }

    /// <summary>
    /// Asserts the document is refused with an error on the element, of the type, at the line of
    /// <paramref name="lineFragment"/> (default: the element's id attribute), whose message says
    /// <paramref name="messageFragment"/>. Returns that error.
    /// </summary>
    public static BpmnDiagnostic AssertRefused(string xml, string elementId, string elementType, string messageFragment,
        string? lineFragment = null)
    {
        var result = Parse(xml);
        Assert.False(result.Success, "Expected a refusal, but the document parsed");
        Assert.Empty(result.Processes);
        var errors = result.Errors.ToList();
        var error = errors.FirstOrDefault(e => e.ElementId == elementId && e.Message.Contains(messageFragment, StringComparison.Ordinal));
        Assert.True(error is not null,
            $"No error on '{elementId}' saying \"{messageFragment}\". Errors:\n{string.Join("\n", errors)}");
        Assert.Equal(elementType, error.ElementType);
        Assert.Equal(LineOf(xml, lineFragment ?? $"id=\"{elementId}\""), error.Line);
        return error;
    }

    public static BpmnDiagnostic AssertWarning(ParseResult result, string elementId, string messageFragment)
    {
        var warning = result.Warnings.FirstOrDefault(w => w.ElementId == elementId && w.Message.Contains(messageFragment, StringComparison.Ordinal));
        Assert.True(warning is not null,
            $"No warning on '{elementId}' saying \"{messageFragment}\". Diagnostics:\n{string.Join("\n", result.Diagnostics)}");
        return warning;
    }

    /// <summary>Everything a model holds, as text: two models are the same when their dumps are.</summary>
    public static string Dump(ProcessModel model)
    {
        var text = new StringBuilder($"process {model.Key} '{model.Name}' line {model.Line}\n");
        foreach (var node in model.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal)) text.AppendLine(DumpValue(node));
        foreach (var flow in model.Flows.OrderBy(f => f.Id, StringComparer.Ordinal)) text.AppendLine(DumpValue(flow));
        return text.ToString();
    }

    private static string DumpValue(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        Enum or bool or int or long => value.ToString()!,
        IDictionary dictionary => "{" + string.Join(", ", dictionary.Keys.Cast<object>()
            .Select(k => (Key: k.ToString()!, Value: dictionary[k]))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}={DumpValue(e.Value)}")) + "}",
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(DumpValue)) + "]",
        _ => value.GetType().Name + "(" + string.Join(", ", value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => $"{p.Name}: {DumpValue(p.GetValue(value))}")) + ")",
    };
}
