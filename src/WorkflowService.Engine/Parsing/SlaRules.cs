using System.Xml.Linq;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Deploy-time rules for the SLA properties (<see cref="SlaProperties"/>): each names the element and
/// what to write instead. Whether a named calendar exists is the host's question (calendars are data).
/// </summary>
internal static class SlaRules
{
    public static void Check(XElement process, IReadOnlyList<FlowNode> nodes, DiagnosticBag diagnostics)
    {
        var processProperties = CommonNodeParts.Properties(process);
        var processCalendar = processProperties.GetValueOrDefault(SlaProperties.Calendar);
        if (processCalendar is not null && string.IsNullOrWhiteSpace(processCalendar))
            diagnostics.Error(process, $"Process '{process.Id()}' has an empty calendar property; name a business calendar or remove it");

        foreach (var node in nodes)
        {
            var timer = TimerOf(node);
            if (node.Properties.TryGetValue(SlaProperties.Calendar, out var calendar))
            {
                if (string.IsNullOrWhiteSpace(calendar))
                    diagnostics.Error(node, $"{node.Describe()} has an empty calendar property; name a business calendar, or 'none' for real time");
                else if (timer is null && node is not UserTaskNode)
                    diagnostics.Error(node,
                        $"{node.Describe()} has a calendar, but only timer events and user tasks (their due date) count in one");
                else if (timer is { Kind: TimerKind.Date })
                    diagnostics.Warning(node, $"{node.Describe()} has a calendar, but its timer is a date, which a calendar does not move");
            }

            if (SlaProperties.CalendarOf(processProperties, node) is not null)
            {
                if (timer is { Kind: not TimerKind.Date } t) CheckCountable(node, t.Expression, diagnostics);
                if (node is UserTaskNode { DueDate: { } due }) CheckCountable(node, due, diagnostics);
            }

            if (node.Properties.TryGetValue(SlaProperties.WarnAt, out var warnAt))
            {
                if (timer is null || SlaProperties.RuleOf(node) is null)
                    diagnostics.Error(node, $"{node.Describe()} has warnAt, but only a timer event with an sla rule warns before its breach");
                else if (!SlaProperties.TryParseWarnAt(warnAt, out _, out var error))
                    diagnostics.Error(node, $"{node.Describe()}: {error}");
            }

            if (node.Properties.TryGetValue(SlaProperties.CountFrom, out var countFrom))
            {
                if (timer is not { Kind: TimerKind.Duration } && node is not UserTaskNode { DueDate: not null })
                    diagnostics.Error(node,
                        $"{node.Describe()} has countFrom, but only a duration timer or a user task with a due date counts from an instant");
                else if (string.IsNullOrWhiteSpace(countFrom))
                    diagnostics.Error(node, $"{node.Describe()} has an empty countFrom; " + "write an ISO 8601 date or an expression such as ${receivedAt}");
                else if ((ExpressionEvaluator.IsExpression(countFrom) ? ExpressionEvaluator.CheckSyntax(countFrom) : DateProblem(countFrom)) is { } problem)
                    diagnostics.Error(node, $"{node.Describe()}: countFrom {problem}");
            }

            if (node.Properties.TryGetValue(SlaProperties.SlaPause, out var pause))
            {
                if (!bool.TryParse(pause.Trim(), out _))
                    diagnostics.Error(node, $"{node.Describe()} has slaPause '{pause}'; write true or false");
                else if (node is not (UserTaskNode or ExternalTaskNode or IntermediateCatchEventNode or EventBasedGatewayNode))
                    diagnostics.Error(node,
                        $"{node.Describe()} has slaPause, but only a user task, an external task, an intermediate catch event or an event-based gateway waits for someone else");
            }
        }
    }

    /// <summary>
    /// A literal duration counted in a calendar: working days and working time only. Years, months and
    /// weeks have no working-time meaning (is a week five working days or seven?): write days.
    /// </summary>
    private static void CheckCountable(FlowNode node, string text, DiagnosticBag diagnostics)
    {
        if (ExpressionEvaluator.IsExpression(text)) return;
        var duration = text.Trim();
        var cycle = duration.Split('/');
        if (cycle.Length > 1) duration = cycle[^1];
        if (!duration.StartsWith('P') && !duration.StartsWith('p')) return;
        var datePart = duration.Split('T', 't')[0];
        if (datePart.IndexOfAny(['Y', 'y', 'M', 'm', 'W', 'w']) >= 0)
            diagnostics.Error(node,
                $"{node.Describe()} counts '{text.Trim()}' in a business calendar; write working days and hours (e.g. P5D, PT4H), not years, months or weeks");
    }

    private static string? DateProblem(string text) => TimerSchedule.Check(TimerKind.Date, text);

    private static TimerDefinition? TimerOf(FlowNode node) => node switch
    {
        StartEventNode { Trigger: TimerTrigger t } => t.Timer,
        IntermediateCatchEventNode { Trigger: TimerTrigger t } => t.Timer,
        BoundaryEventNode { Trigger: TimerTrigger t } => t.Timer,
        _ => null,
    };
}
