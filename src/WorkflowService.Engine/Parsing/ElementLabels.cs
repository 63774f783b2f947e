using System.Text;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// How messages name elements: "Exclusive gateway 'checkWarranty'". Messages stand on their own
/// (a designer shows them without the line prefix), so each one names its element in words.
/// </summary>
internal static class ElementLabels
{
    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        ["subProcess"] = "Subprocess",
        ["adHocSubProcess"] = "Ad-hoc subprocess",
        ["callActivity"] = "Call activity",
        ["businessRuleTask"] = "Business rule task",
        ["definitions"] = "Definitions",
    };

    /// <summary>"exclusiveGateway" → "Exclusive gateway".</summary>
    public static string Label(string localName)
    {
        if (Special.TryGetValue(localName, out var label)) return label;
        if (localName.Length == 0) return localName;
        var text = new StringBuilder(localName.Length + 4);
        text.Append(char.ToUpperInvariant(localName[0]));
        for (var i = 1; i < localName.Length; i++)
        {
            var c = localName[i];
            if (char.IsUpper(c))
                text.Append(' ').Append(char.ToLowerInvariant(c));
            else
                text.Append(c);
        }
        return text.ToString();
    }

    public static string Describe(XElement element) => Describe(element.Name.LocalName, element.Id());

    public static string Describe(FlowNode node) => Describe(node.ElementType, node.Id);

    public static string Describe(string localName, string? id) =>
        id is null ? $"{Label(localName)} without an id" : $"{Label(localName)} '{id}'";

    /// <summary>Lower-case form for the middle of a sentence: "boundary event 'late'".</summary>
    public static string DescribeInline(FlowNode node) => Lower(Describe(node));

    public static string DescribeInline(XElement element) => Lower(Describe(element));

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
