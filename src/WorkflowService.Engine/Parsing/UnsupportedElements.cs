using System.Collections.Frozen;
using System.Xml.Linq;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// BPMN the engine deliberately does not run, each with what to model instead. Refusing at deploy
/// time keeps running instances from ever meeting an element the interpreter cannot honour.
/// </summary>
internal static class UnsupportedElements
{
    private static readonly FrozenDictionary<string, string> FlowElements = new Dictionary<string, string>
    {
        ["businessRuleTask"] =
            "DMN decisions are not supported; use an exclusive gateway with conditions, or an external service task",
        ["callActivity"] =
            "call activities are not supported; model the steps in an embedded subprocess, or start the other process from an external service task",
        ["receiveTask"] =
            "receive tasks are not supported; use a message intermediate catch event",
        ["inclusiveGateway"] =
            "inclusive gateways are not supported; use exclusive gateways, or a parallel gateway when every branch runs",
        ["complexGateway"] =
            "complex gateways are not supported; use exclusive or parallel gateways",
        ["transaction"] =
            "transactions are not supported; use an embedded subprocess with error boundary events",
        ["adHocSubProcess"] =
            "ad-hoc subprocesses are not supported; use an embedded subprocess with sequence flows, or parallel user tasks",
        ["callChoreography"] = "choreographies are not supported; model the process of one participant",
        ["subChoreography"] = "choreographies are not supported; model the process of one participant",
        ["choreographyTask"] = "choreographies are not supported; model the process of one participant",
        ["implicitThrowEvent"] = "implicit throw events are not supported; use an intermediate throw event",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> EventDefinitions = new Dictionary<string, string>
    {
        ["signalEventDefinition"] = "signal events are not supported; use a message event",
        ["conditionalEventDefinition"] =
            "conditional events are not supported; use an exclusive gateway with conditions, or a timer that re-checks",
        ["linkEventDefinition"] = "link events are not supported; connect the two points with a sequence flow",
        ["compensateEventDefinition"] =
            "compensation is not supported; model the undo steps explicitly, for example after an error boundary event",
        ["cancelEventDefinition"] =
            "cancel events are not supported; use an error end event and an error boundary event",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public const string EventSubProcess =
        "event subprocesses are not supported; use boundary events on an embedded subprocess or on the tasks";

    public const string MultiInstance =
        "multi-instance activities are not supported; use a parallel gateway with one branch per case, or loop back through an exclusive gateway";

    public const string StandardLoop =
        "loop activities are not supported; loop back through an exclusive gateway with a condition";

    public const string Listeners =
        "listeners are not supported; put the work in the flow as a script task or an external service task";

    /// <summary>Reports a flow element the engine refuses, or does not know, and says what to use.</summary>
    public static void Report(XElement element, DiagnosticBag diagnostics)
    {
        var local = element.LocalName();
        var reason = FlowElements.TryGetValue(local, out var known)
            ? known
            : $"'{local}' is not a BPMN element this engine runs; use tasks, user tasks, external service tasks, script tasks, exclusive/parallel/event-based gateways, timer and message events, or embedded subprocesses";
        diagnostics.Error(element, $"{ElementLabels.Describe(element)}: {reason}");
    }

    /// <summary>The reason an event definition is refused, or null when the engine supports it.</summary>
    public static string? EventDefinitionRefusal(string localName) => EventDefinitions.GetValueOrDefault(localName);
}
