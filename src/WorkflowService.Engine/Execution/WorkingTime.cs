using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

/// <summary>Which business calendar a timer or due date counts in (<see cref="SlaProperties.Calendar"/>).</summary>
internal static class WorkingTime
{
    /// <summary>The node's calendar (its own, else the process default); null for real time.</summary>
    /// <exception cref="IncidentException">The calendar is not defined: the token stops until it is, and is retried.</exception>
    public static WorkingCalendar? CalendarFor(StepContext ctx, FlowNode node) =>
        SlaProperties.CalendarOf(ctx.Model, node) is { } name ? Find(ctx, name, node.Describe()) : null;

    /// <summary>A calendar a subscription was armed with; null for real time.</summary>
    public static WorkingCalendar? Named(StepContext ctx, string? name) =>
        name is null ? null : Find(ctx, name, $"timer in calendar '{name}'");

    /// <summary>
    /// The instant a node's duration counts from: its <c>countFrom</c> property (a date, usually an
    /// expression such as <c>${receivedAt}</c>), else now. A property that yields nothing also means now.
    /// </summary>
    public static DateTimeOffset CountFrom(StepContext ctx, FlowNode node) =>
        node.Properties.GetValueOrDefault(SlaProperties.CountFrom) is { } text
        && Evaluation.Date(ctx, text, $"countFrom of {node.Describe()}") is { } from
            ? from
            : ctx.Now;

    private static WorkingCalendar Find(StepContext ctx, string name, string who) =>
        ctx.Calendars?.Find(name)
        ?? throw new IncidentException(
            $"{who} counts in business calendar '{name}', which is not defined; define it (Admin → Calendars) and retry");
}
