namespace WorkflowService.Web.Tasks;

/// <summary>Where an open task stands against its due date, as the inbox badge shows it.</summary>
public enum SlaState
{
    /// <summary>The task has no due date: no badge.</summary>
    None,
    OnTime,
    DueSoon,
    Overdue,
}

/// <summary>
/// The SLA badge rule. A task is <b>overdue</b> once its due time has passed. It is <b>due soon</b>
/// when the time left is at most the larger of 4 hours and a quarter of its span (creation to due
/// date), so whichever window opens first wins: a task due within 4 hours is always due soon (a
/// ringing call or a same-morning promise needs attention now), and a long task turns due soon in
/// the last quarter of its time (the 24 h acceptance rule after 18 h, the 3-day follow-up call with
/// 18 h left). Otherwise it is <b>on time</b>.
/// </summary>
public static class SlaRule
{
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(4);
    public const double DueSoonShareOfSpan = 0.25;

    public static SlaState Of(DateTimeOffset createdAt, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        if (dueAt is not { } due) return SlaState.None;
        if (now > due) return SlaState.Overdue;
        var span = due - createdAt;
        var window = span > TimeSpan.Zero ? Max(DueSoonWindow, span * DueSoonShareOfSpan) : DueSoonWindow;
        return due - now <= window ? SlaState.DueSoon : SlaState.OnTime;
    }

    /// <summary>The text key of the badge (none for <see cref="SlaState.None"/>).</summary>
    public static string TextKey(SlaState state) => $"Sla.{state}";

    /// <summary>The badge's CSS class, defined in site.css.</summary>
    public static string CssClass(SlaState state) => state switch
    {
        SlaState.OnTime => "sla-on-time",
        SlaState.DueSoon => "sla-due-soon",
        SlaState.Overdue => "sla-overdue",
        _ => "",
    };

    /// <summary>The value of the badge's <c>data-sla</c> attribute, for tests and scripts.</summary>
    public static string Name(SlaState state) => state switch
    {
        SlaState.OnTime => "on-time",
        SlaState.DueSoon => "due-soon",
        SlaState.Overdue => "overdue",
        _ => "none",
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
