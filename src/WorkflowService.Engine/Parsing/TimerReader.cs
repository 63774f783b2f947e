using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// <c>timerEventDefinition</c> → <see cref="TimerDefinition"/>. Exactly one of timeDate,
/// timeDuration and timeCycle must be given: the spec makes them alternatives, and a timer
/// without one would never fire.
/// </summary>
internal static class TimerReader
{
    private static readonly (string Element, TimerKind Kind)[] Kinds =
    [
        ("timeDate", TimerKind.Date),
        ("timeDuration", TimerKind.Duration),
        ("timeCycle", TimerKind.Cycle),
    ];

    public static TimerDefinition? Read(XElement ev, XElement definition, ReadContext ctx)
    {
        var present = Kinds
            .Select(k => (k.Kind, Element: definition.BpmnChild(k.Element)))
            .Where(k => k.Element is not null)
            .ToList();
        if (present.Count == 0)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} has a timer without timeDate, timeDuration or timeCycle; add one of them");
            return null;
        }
        if (present.Count > 1)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} has a timer with more than one of timeDate, timeDuration and timeCycle; keep one");
            return null;
        }

        var (kind, found) = present[0];
        var element = found!;
        var text = element.TrimmedText();
        if (text is null)
        {
            ctx.Diagnostics.Error(ev, element,
                $"{ElementLabels.Describe(ev)} has an empty {ExpressionChecks.TimerElementName(kind)}; write an ISO 8601 value or an expression");
            return null;
        }
        var timer = new TimerDefinition(kind, text);
        ExpressionChecks.Timer(ctx.Diagnostics, ev, element, timer);
        return timer;
    }
}
