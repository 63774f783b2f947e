using System.Xml.Linq;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Expressions;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Reads an event's single event definition into an <see cref="EventTrigger"/>: resolves message,
/// error and escalation references to the names and codes the engine correlates on.
/// </summary>
internal static class TriggerReader
{
    /// <summary>
    /// The event's trigger, <see cref="EventTrigger.None"/> without a definition, or null when the
    /// definition was refused (the error is already reported).
    /// </summary>
    /// <param name="throws">Throw events need a concrete error or escalation code; catches may catch all.</param>
    public static EventTrigger? Read(XElement ev, ReadContext ctx, bool throws)
    {
        var definitions = Definitions(ev, ctx);
        if (definitions is null) return null;
        if (definitions.Count == 0) return EventTrigger.None;
        if (definitions.Count > 1)
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)} has {definitions.Count} event definitions; multiple events are not supported: use one event per trigger");
            return null;
        }

        var definition = definitions[0];
        var local = definition.LocalName();
        if (UnsupportedElements.EventDefinitionRefusal(local) is { } refusal)
        {
            ctx.Diagnostics.Error(ev, definition, $"{ElementLabels.Describe(ev)}: {refusal}");
            return null;
        }
        return local switch
        {
            "timerEventDefinition" => TimerReader.Read(ev, definition, ctx) is { } timer ? new TimerTrigger(timer) : null,
            "messageEventDefinition" => Message(ev, definition, ctx),
            "errorEventDefinition" => Error(ev, definition, ctx, throws),
            "escalationEventDefinition" => Escalation(ev, definition, ctx, throws),
            "terminateEventDefinition" => new TerminateTrigger(),
            _ => Unknown(ev, definition, ctx),
        };
    }

    /// <summary>The word used in messages: "a timer start event".</summary>
    public static string Kind(EventTrigger trigger) => trigger switch
    {
        NoneTrigger => "none",
        TerminateTrigger => "terminate",
        TimerTrigger => "timer",
        MessageTrigger => "message",
        ErrorTrigger => "error",
        EscalationTrigger => "escalation",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    /// <summary>Own definitions plus those referenced with <c>eventDefinitionRef</c>; null when a reference dangles.</summary>
    private static List<XElement>? Definitions(XElement ev, ReadContext ctx)
    {
        var result = ev.Elements()
            .Where(e => e.IsBpmn() && e.LocalName().EndsWith("EventDefinition", StringComparison.Ordinal))
            .ToList();
        foreach (var reference in ev.BpmnChildren("eventDefinitionRef"))
        {
            var id = reference.Value.Trim();
            id = id[(id.LastIndexOf(':') + 1)..];
            var resolved = ctx.Index.EventDefinition(id);
            if (resolved is null)
            {
                ctx.Diagnostics.Error(ev, reference,
                    $"{ElementLabels.Describe(ev)} refers to event definition '{id}', which is not defined in this file");
                return null;
            }
            result.Add(resolved);
        }
        return result;
    }

    private static MessageTrigger? Message(XElement ev, XElement definition, ReadContext ctx)
    {
        var messageRef = definition.RefAttr("messageRef");
        if (messageRef is null)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} has no message; choose a message (messageRef) whose name the engine correlates on");
            return null;
        }
        var message = ctx.Index.Message(messageRef);
        if (message is null)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} refers to message '{messageRef}', which is not defined in this file; add a message element with a name");
            return null;
        }
        var name = message.Attr("name") ?? messageRef;
        ExpressionChecks.IfExpression(ctx.Diagnostics, ev, message, "message name", name);
        if (ev.LocalName() == "startEvent" && ExpressionEvaluator.IsExpression(name))
        {
            ctx.Diagnostics.Policy(ev, message,
                $"{ElementLabels.Describe(ev)} starts on message '{name}', an expression: before the start there are no variables to evaluate it with; give the message a plain name");
        }
        return new MessageTrigger(name);
    }

    private static ErrorTrigger? Error(XElement ev, XElement definition, ReadContext ctx, bool throws)
    {
        var errorRef = definition.RefAttr("errorRef");
        if (errorRef is null)
        {
            if (!throws) return new ErrorTrigger(null);
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} throws an error without errorRef; choose an error with an error code");
            return null;
        }
        var error = ctx.Index.Error(errorRef);
        if (error is null)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} refers to error '{errorRef}', which is not defined in this file");
            return null;
        }
        return new ErrorTrigger(error.Attr("errorCode") ?? error.Attr("name") ?? errorRef);
    }

    private static EscalationTrigger? Escalation(XElement ev, XElement definition, ReadContext ctx, bool throws)
    {
        var escalationRef = definition.RefAttr("escalationRef");
        if (escalationRef is null)
        {
            if (!throws) return new EscalationTrigger(null);
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} throws an escalation without escalationRef; choose an escalation with an escalation code");
            return null;
        }
        var escalation = ctx.Index.Escalation(escalationRef);
        if (escalation is null)
        {
            ctx.Diagnostics.Error(ev, definition,
                $"{ElementLabels.Describe(ev)} refers to escalation '{escalationRef}', which is not defined in this file");
            return null;
        }
        return new EscalationTrigger(escalation.Attr("escalationCode") ?? escalation.Attr("name") ?? escalationRef);
    }

    private static EventTrigger? Unknown(XElement ev, XElement definition, ReadContext ctx)
    {
        ctx.Diagnostics.Error(ev, definition,
            $"{ElementLabels.Describe(ev)} has a {definition.LocalName()}, which is not supported; use a timer, message, error or escalation event");
        return null;
    }
}
