using WorkflowService.Engine.Execution.Behaviors;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Applies one event to the working state. Each handler returns null when it applied the event,
/// or the reason it does not apply (a handled timer, a completed task): such events are no-ops,
/// which is what makes every host handler idempotent.
/// </summary>
internal static class EventHandlers
{
    public static string? Apply(StepContext ctx, InstanceEvent evt) => evt switch
    {
        UserTaskCompleted e => OnWorkItem(ctx, e.TaskId, "user task", e),
        TimerFired e => FireTimer(ctx, e),
        MessageReceived e => ReceiveMessage(ctx, e),
        ExternalTaskCompleted e => OnWorkItem(ctx, e.TaskId, "external task", e),
        ExternalTaskFailed e => OnWorkItem(ctx, e.TaskId, "external task", e),
        CancelRequested => CancelInstance(ctx),
        IncidentRetried e => RetryIncident(ctx, e),
        _ => throw new ArgumentException($"Unknown event {evt.GetType().Name}", nameof(evt)),
    };

    /// <summary>
    /// An event for a work item (the token waiting on it has the task's id) goes to the behavior of
    /// the token's element. It no longer applies when no token waits there for such an event: the
    /// task was completed or cancelled already, or its token stopped as an incident.
    /// </summary>
    private static string? OnWorkItem<TEvent>(StepContext ctx, int taskId, string workItem, TEvent e)
        where TEvent : InstanceEvent
    {
        if (ctx.FindToken(taskId) is not { Wait: not WaitKind.Incident } token
            || NodeBehaviors.Of(ctx.Model.Node(token.ElementId)) is not IHandles<TEvent> behavior)
            return $"{workItem} {taskId} is not open (completed or cancelled already)";
        behavior.Handle(ctx, token, e);
        return null;
    }

    private static string? FireTimer(StepContext ctx, TimerFired e)
    {
        if (ctx.Subscriptions.Find(s => s.Id == e.SubscriptionId && s.Kind == SubscriptionKind.Timer) is not { } sub)
            return $"timer {e.SubscriptionId} is not pending (fired or cancelled already)";
        if (sub.Paused)
            return $"timer {e.SubscriptionId} is paused while an slaPause element is active";
        var due = e.DueAt ?? sub.DueAt!.Value;
        if (e.At < due)
            return $"timer {e.SubscriptionId} is due at {due:O}, not at {e.At:O}";
        var eventNode = ctx.Model.Node(sub.EventElementId);
        if (Subscriptions.SlaRuleOf(eventNode) is { } rule)
            ctx.Emit(BreachResponsibility.Of(ctx, rule, eventNode, sub, due, e.At));
        Fire(ctx, sub, sub with { DueAt = due });
        return null;
    }

    private static string? ReceiveMessage(StepContext ctx, MessageReceived e)
    {
        if (ctx.Subscriptions.Find(s => s.Id == e.SubscriptionId && s.Kind == SubscriptionKind.Message) is not { } sub)
            return $"message subscription {e.SubscriptionId} is not open (received or cancelled already)";
        ctx.SetVariables(e.Variables);
        Fire(ctx, sub);
        return null;
    }

    /// <summary>A timer or message happened: the behavior of the owner token's element moves it.</summary>
    private static void Fire(StepContext ctx, Subscription sub) => Fire(ctx, sub, sub);

    /// <param name="firedAs">The subscription as it fired (a timer with the due time the host fired it for).</param>
    private static void Fire(StepContext ctx, Subscription sub, Subscription firedAs)
    {
        ctx.Subscriptions.Remove(sub);
        var owner = ctx.FindToken(sub.OwnerTokenId)
                    ?? throw new InvalidOperationException($"Subscription {sub.Id} has no owner token {sub.OwnerTokenId}");
        var node = ctx.Model.Node(owner.ElementId);
        var behavior = NodeBehaviors.Of(node) as ISubscriptionOwner
                       ?? throw new InvalidOperationException($"{node.Describe()} cannot own a subscription");
        behavior.Fired(ctx, owner, firedAs);
    }

    private static string? CancelInstance(StepContext ctx)
    {
        Cancellation.CancelInstance(ctx);
        return null;
    }

    private static string? RetryIncident(StepContext ctx, IncidentRetried e)
    {
        if (ctx.Incidents.Find(i => i.Id == e.IncidentId) is not { } incident)
            return $"incident {e.IncidentId} is not open (resolved already)";
        var token = ctx.FindToken(incident.TokenId)
                    ?? throw new InvalidOperationException($"Incident {incident.Id} has no token {incident.TokenId}");
        ctx.SetVariables(e.Variables);
        ctx.Incidents.Remove(incident);
        ctx.Tokens.Remove(token);
        ctx.Emit(new ResolveIncident(incident.Id, incident.ElementId));
        var node = ctx.Model.Node(incident.ElementId);
        if (incident.OnLeave) Flow.Leave(ctx, node, token.Id, token.ScopeId, e.By);
        else Flow.Enter(ctx, node, token.Id, token.ScopeId, token.ArrivedVia);
        return null;
    }
}
