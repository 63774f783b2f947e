using System.Collections.Immutable;
using WorkflowService.Engine.Calendars;
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
    int? CycleRemaining)
{
    public string? Calendar { get; init; }

    /// <summary>The instant <see cref="Span"/> counts from (now, or the <c>countFrom</c> property).</summary>
    public DateTimeOffset CountFrom { get; init; }

    /// <summary>The duration counted to <see cref="DueAt"/> (timeDuration, or a cycle's interval); null for a date.</summary>
    public string? Span { get; init; }
}

/// <summary>Opening and closing timer and message waits for catch events, boundary events and event-based gateways.</summary>
internal static class Subscriptions
{
    /// <summary>
    /// The most missed firings of an SLA cycle recorded as breaches at once, so a years-long outage
    /// of a short cycle cannot write millions of rows in one step; the count is in the breach note.
    /// </summary>
    public const int MaxMissedBreaches = 1_000;

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
        var calendar = timer.Kind == TimerKind.Date ? null : WorkingTime.CalendarFor(ctx, eventNode);
        var from = timer.Kind == TimerKind.Duration ? WorkingTime.CountFrom(ctx, eventNode) : ctx.Now;
        var schedule = TimerSchedule.Compute(timer.Kind, text, from, calendar);

        // Only a non-interrupting boundary timer outlives its first firing; elsewhere a cycle fires once.
        var repeats = eventNode is BoundaryEventNode { CancelActivity: false } && schedule.Interval is not null
                      && schedule.Repetitions is not 1;
        return new PlannedSubscription(eventNode, SubscriptionKind.Timer, schedule.FirstDue, null,
            repeats ? schedule.Interval!.Value.ToString() : null,
            repeats ? schedule.Repetitions - 1 : null)
        {
            Calendar = calendar?.Name,
            CountFrom = from,
            Span = TimerSchedule.SpanOf(timer.Kind, text, schedule),
        };
    }

    public static Subscription Open(StepContext ctx, int ownerTokenId, PlannedSubscription plan)
    {
        var sub = new Subscription(ctx.NewId(), ownerTokenId, plan.EventNode.Id, plan.Kind, plan.DueAt, plan.MessageName,
            plan.CycleInterval, plan.CycleRemaining, plan.Calendar);
        ctx.Subscriptions.Add(sub);
        ctx.Emit(plan.Kind == SubscriptionKind.Timer
            ? Schedule(sub, plan.EventNode, plan.CountFrom, plan.Span)
            : new SubscribeMessage(sub.Id, plan.EventNode.Id, plan.MessageName!));
        return sub;
    }

    private static ScheduleTimer Schedule(Subscription sub, FlowNode eventNode, DateTimeOffset countFrom, string? span)
    {
        var rule = SlaProperties.RuleOf(eventNode);
        return new ScheduleTimer(sub.Id, eventNode.Id, sub.DueAt!.Value, rule)
        {
            Calendar = sub.Calendar,
            CountFrom = countFrom,
            Span = span,
            WarnAt = rule is null ? [] : SlaProperties.WarnMarksOf(eventNode),
        };
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

    public static string? SlaRuleOf(FlowNode node) => SlaProperties.RuleOf(node);

    /// <summary>
    /// The next firing of a repeating timer after the firing <paramref name="fired"/> (its due time as fired), or null when the
    /// cycle is exhausted. Firings missed while the host was down are not replayed one after another:
    /// the cycle goes on from the first firing still ahead. An SLA cycle records each missed firing
    /// as a breach of its own, with its own due time (the flow after the event runs once for them all).
    /// </summary>
    public static Subscription? NextCycle(StepContext ctx, Subscription fired)
    {
        if (fired.CycleInterval is null) return null;
        var firedDue = fired.DueAt!.Value;
        var calendar = WorkingTime.Named(ctx, fired.Calendar);
        var interval = IsoDuration.Parse(fired.CycleInterval);
        var eventNode = ctx.Model.Node(fired.EventElementId);
        var (_, missed) = TimerSchedule.NextAfter(firedDue, interval, ctx.Now, calendar);
        if (SlaProperties.RuleOf(eventNode) is { } rule)
        {
            var recordable = Math.Min(missed, fired.CycleRemaining ?? long.MaxValue);
            foreach (var due in TimerSchedule.FiringsAfter(firedDue, interval, Math.Min(recordable, MaxMissedBreaches), calendar))
            {
                var breach = BreachResponsibility.Of(ctx, rule, eventNode, fired, due, ctx.Now);
                ctx.Emit(recordable > MaxMissedBreaches
                    ? breach with { ResponsibleNote = Join(breach.ResponsibleNote, $"{recordable} firings were missed; the first {MaxMissedBreaches} are recorded") }
                    : breach);
            }
        }
        if (TimerSchedule.NextFiring(firedDue, fired.CycleInterval, fired.CycleRemaining, ctx.Now, calendar) is not { } firing)
            return null;
        var next = fired with { Id = ctx.NewId(), DueAt = firing.Due, CycleRemaining = firing.RemainingAfter, Paused = false };
        ctx.Subscriptions.Add(next);
        // Counted from the (missed) firing just before it, so a calendar edit moves it as it moves a first firing.
        ctx.Emit(Schedule(next, eventNode, TimerSchedule.NthAfter(firedDue, interval, missed, calendar), fired.CycleInterval));
        return next;
    }

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";
}
