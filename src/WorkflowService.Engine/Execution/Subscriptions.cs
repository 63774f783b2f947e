using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Execution;

/// <summary>A timer or message wait worked out before anything is emitted, so a failure leaves no trace.</summary>
internal sealed record PlannedSubscription(
    FlowNode EventNode,
    SubscriptionKind Kind,
    DateTimeOffset? DueAt,
    string? MessageName,
    string? CycleInterval,
    int? CycleRemaining);

/// <summary>Opening and closing timer and message waits for catch events, boundary events and event-based gateways.</summary>
internal static class Subscriptions
{
    /// <summary>The wait for a timer or message trigger; null for triggers that are not waited on.</summary>
    public static PlannedSubscription? Plan(StepContext ctx, FlowNode eventNode, EventTrigger trigger) => trigger switch
    {
        TimerTrigger t => PlanTimer(ctx, eventNode, t.Timer),
        MessageTrigger m => new PlannedSubscription(eventNode, SubscriptionKind.Message, null, MessageName(ctx, m.MessageName), null, null),
        _ => null,
    };

    /// <summary>A message name as written, or, for <c>${...}</c> (<c>paid-${orderId}</c>), as evaluated when the wait opens.</summary>
    private static string MessageName(StepContext ctx, string name)
    {
        if (!ExpressionEvaluator.IsExpression(name)) return name;
        return Evaluation.String(ctx, name, "message name") is { Length: > 0 } evaluated
            ? evaluated
            : throw new IncidentException($"message name {name} yielded an empty name");
    }

    private static PlannedSubscription PlanTimer(StepContext ctx, FlowNode eventNode, TimerDefinition timer)
    {
        var text = timer.Expression;
        if (ExpressionEvaluator.IsExpression(text))
        {
            text = Evaluation.String(ctx, text, $"timer {timer.Kind.ToString().ToLowerInvariant()}")
                   ?? throw new IncidentException($"timer expression {timer.Expression} yielded nothing");
        }
        var schedule = TimerSchedule.Compute(timer.Kind, text, ctx.Now);

        // Only a non-interrupting boundary timer outlives its first firing; elsewhere a cycle fires once.
        var repeats = eventNode is BoundaryEventNode { CancelActivity: false } && schedule.Interval is not null
                      && schedule.Repetitions is not 1;
        return new PlannedSubscription(eventNode, SubscriptionKind.Timer, schedule.FirstDue, null,
            repeats ? schedule.Interval!.Value.ToString() : null,
            repeats ? schedule.Repetitions - 1 : null);
    }

    public static Subscription Open(StepContext ctx, int ownerTokenId, PlannedSubscription plan)
    {
        var sub = new Subscription(ctx.NewId(), ownerTokenId, plan.EventNode.Id, plan.Kind, plan.DueAt, plan.MessageName,
            plan.CycleInterval, plan.CycleRemaining);
        ctx.Subscriptions.Add(sub);
        ctx.Emit(plan.Kind == SubscriptionKind.Timer
            ? new ScheduleTimer(sub.Id, plan.EventNode.Id, plan.DueAt!.Value, SlaRuleOf(plan.EventNode))
            : new SubscribeMessage(sub.Id, plan.EventNode.Id, plan.MessageName!));
        return sub;
    }

    /// <summary>Every wait the token owns ends (the token moved or was cancelled), with a cancel command each.</summary>
    public static void CloseAllOf(StepContext ctx, int ownerTokenId)
    {
        for (var i = ctx.Subscriptions.Count - 1; i >= 0; i--)
        {
            var sub = ctx.Subscriptions[i];
            if (sub.OwnerTokenId != ownerTokenId) continue;
            ctx.Subscriptions.RemoveAt(i);
            ctx.Emit(sub.Kind == SubscriptionKind.Timer
                ? new CancelTimer(sub.Id, sub.EventElementId)
                : new CancelMessageSubscription(sub.Id, sub.EventElementId));
        }
    }

    public static string? SlaRuleOf(FlowNode node) => node.Properties.GetValueOrDefault("sla");

    /// <summary>
    /// The next firing of a repeating timer after <paramref name="fired"/>, or null when the cycle is
    /// exhausted. Firings missed while the host was down are skipped, not replayed one after another.
    /// </summary>
    public static Subscription? NextCycle(StepContext ctx, Subscription fired)
    {
        if (fired.CycleInterval is null
            || TimerSchedule.NextFiring(fired.DueAt!.Value, fired.CycleInterval, fired.CycleRemaining, ctx.Now) is not { } firing)
            return null;
        var next = fired with { Id = ctx.NewId(), DueAt = firing.Due, CycleRemaining = firing.RemainingAfter };
        ctx.Subscriptions.Add(next);
        ctx.Emit(new ScheduleTimer(next.Id, next.EventElementId, firing.Due, SlaRuleOf(ctx.Model.Node(next.EventElementId))));
        return next;
    }
}
