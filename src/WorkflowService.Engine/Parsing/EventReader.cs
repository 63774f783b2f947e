using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Start, end, intermediate and boundary events. Each kind of event accepts only the triggers
/// the interpreter implements for it; anything else is refused naming what to use instead.
/// Readers return null when the element is refused.
/// </summary>
internal static class EventReader
{
    private const string SendTaskInstead =
        "use a send task with camunda:type=\"external\" and a camunda:topic";

    /// <summary>Process level: none, message or timer. In a subprocess: none only (the spec's rule for embedded subprocesses).</summary>
    public static FlowNode? ReadStart(XElement ev, string? parentId, ReadContext ctx)
    {
        var trigger = TriggerReader.Read(ev, ctx, throws: false);
        if (trigger is null) return null;
        if (parentId is not null && trigger is not NoneTrigger)
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)} in subprocess '{parentId}' has a {TriggerReader.Kind(trigger)} trigger; a subprocess starts with a none start event: put the trigger on a boundary event or an intermediate catch event");
            return null;
        }
        if (trigger is not (NoneTrigger or MessageTrigger or TimerTrigger))
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)}: {TriggerReader.Kind(trigger)} start events are not supported; use a none, message or timer start event");
            return null;
        }
        return new StartEventNode
        {
            Id = ev.Id()!, Trigger = trigger, InitiatorVariable = ev.CamundaAttr("initiator"), FormFields = ReadStartForm(ev, parentId, ctx),
        };
    }

    /// <summary>
    /// A process-level start event's form, read as a user task's is. A subprocess starts when a token reaches it,
    /// with nobody to fill a form, so Camunda ignores its start form; this engine says so.
    /// </summary>
    private static ImmutableArray<FormField> ReadStartForm(XElement ev, string? parentId, ReadContext ctx)
    {
        if (parentId is null) return FormFieldReader.Read(ev, ctx);
        if (ev.CamundaExtensions("formData").Any() || ev.CamundaExtensions("formProperty").Any())
        {
            ctx.Diagnostics.Warning(ev,
                $"{ElementLabels.Describe(ev)} in subprocess '{parentId}' has a start form, which is ignored: nobody starts a subprocess by hand; ask in a user task instead");
        }
        return [];
    }

    public static FlowNode? ReadEnd(XElement ev, ReadContext ctx)
    {
        // Checked before the trigger is read, so a message end event hears about the send task
        // rather than about its message reference.
        if (ev.BpmnChild("messageEventDefinition") is { } message)
        {
            ctx.Diagnostics.Error(ev, message,
                $"{ElementLabels.Describe(ev)}: message end events are not supported; {SendTaskInstead} before a none end event");
            return null;
        }
        var trigger = TriggerReader.Read(ev, ctx, throws: true);
        if (trigger is null) return null;
        if (trigger is not (NoneTrigger or TerminateTrigger or ErrorTrigger or EscalationTrigger))
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)}: {TriggerReader.Kind(trigger)} end events are not supported; use a none, terminate, error or escalation end event");
            return null;
        }
        return new EndEventNode { Id = ev.Id()!, Trigger = trigger };
    }

    public static FlowNode? ReadIntermediateCatch(XElement ev, ReadContext ctx)
    {
        var trigger = TriggerReader.Read(ev, ctx, throws: false);
        if (trigger is null) return null;
        if (trigger is NoneTrigger)
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)} has no event definition; an intermediate catch event waits for a timer or a message");
            return null;
        }
        if (trigger is not (TimerTrigger or MessageTrigger))
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)}: {TriggerReader.Kind(trigger)} catch events are not supported; use a timer or message catch event, or a boundary event");
            return null;
        }
        return new IntermediateCatchEventNode { Id = ev.Id()!, Trigger = trigger };
    }

    public static FlowNode? ReadIntermediateThrow(XElement ev, ReadContext ctx)
    {
        if (ev.BpmnChild("messageEventDefinition") is { } message)
        {
            ctx.Diagnostics.Error(ev, message,
                $"{ElementLabels.Describe(ev)}: message throw events are not supported; {SendTaskInstead}");
            return null;
        }
        var trigger = TriggerReader.Read(ev, ctx, throws: true);
        if (trigger is null) return null;
        if (trigger is not (NoneTrigger or EscalationTrigger))
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)}: {TriggerReader.Kind(trigger)} throw events are not supported; use a none or escalation throw event, or an end event");
            return null;
        }
        return new IntermediateThrowEventNode { Id = ev.Id()!, Trigger = trigger };
    }

    public static FlowNode? ReadBoundary(XElement ev, ReadContext ctx)
    {
        var attachedTo = ev.RefAttr("attachedToRef");
        var trigger = TriggerReader.Read(ev, ctx, throws: false);
        if (attachedTo is null)
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)} is not attached to an activity; set attachedToRef to the task or subprocess it watches");
            return null;
        }
        if (trigger is null) return null;
        if (trigger is NoneTrigger)
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)} has no event definition; a boundary event needs a timer, message, error or escalation trigger");
            return null;
        }
        if (trigger is not (TimerTrigger or MessageTrigger or ErrorTrigger or EscalationTrigger))
        {
            ctx.Diagnostics.Error(ev,
                $"{ElementLabels.Describe(ev)}: {TriggerReader.Kind(trigger)} boundary events are not supported; use a timer, message, error or escalation boundary event");
            return null;
        }

        var cancelActivity = ev.BoolAttr("cancelActivity", fallback: true);
        if (trigger is ErrorTrigger && !cancelActivity)
        {
            // The spec makes error boundary events always interrupting; say so rather than
            // silently running something other than what the diagram shows.
            ctx.Diagnostics.Warning(ev,
                $"{ElementLabels.Describe(ev)} catches an error, which always interrupts the activity; cancelActivity=\"false\" is ignored");
            cancelActivity = true;
        }
        return new BoundaryEventNode
        {
            Id = ev.Id()!,
            AttachedToId = attachedTo,
            CancelActivity = cancelActivity,
            Trigger = trigger,
        };
    }
}
