using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// The host's side of an SLA clock: due times of timer rows counted in real time or in a business
/// calendar's working time, the time a paused timer keeps, and where its warnings fall. The engine
/// decides when a clock pauses and resumes; the rows say by how much.
/// </summary>
public static class SlaClock
{
    /// <summary>The time between two instants the clock counts (working time in a calendar); zero when past.</summary>
    public static TimeSpan Between(DateTimeOffset from, DateTimeOffset to, WorkingCalendar? calendar) =>
        to <= from ? TimeSpan.Zero : calendar?.WorkingTimeBetween(from, to) ?? to - from;

    /// <summary>An amount of the clock's time as a span row text (<c>PT7H30M</c>).</summary>
    public static string SpanOf(TimeSpan left) => new IsoDuration(0, 0, 0, left).ToString();

    /// <summary>
    /// The warning rows of an SLA timer row: one per mark, due when that share of the clock's time
    /// from the start to the due time has passed, each with its own span from the same start (a
    /// calendar edit moves it as it moves the timer).
    /// </summary>
    public static IEnumerable<TimerRecord> Warnings(TimerRecord timer, DateTimeOffset from, IReadOnlyList<int> marks,
        WorkingCalendar? calendar)
    {
        if (marks.Count == 0) yield break;
        var total = Between(from, timer.DueAt, calendar);
        foreach (var mark in marks)
        {
            var share = TimeSpan.FromTicks(total.Ticks / 100 * mark);
            yield return new TimerRecord
            {
                Id = Guid.CreateVersion7(from), InstanceId = timer.InstanceId, SubscriptionId = timer.SubscriptionId,
                ElementId = timer.ElementId, SlaRule = timer.SlaRule, Status = timer.Status, Calendar = timer.Calendar,
                CountFrom = from, Span = SpanOf(share), DueAt = calendar?.AddWorkingTime(from, share) ?? from + share,
                WarnMark = mark,
            };
        }
    }

    /// <summary>Stops a row: it keeps the time it had left.</summary>
    public static void Pause(TimerRecord row, DateTimeOffset at, WorkingCalendar? calendar)
    {
        row.Left = Between(at, row.DueAt, calendar);
        row.Status = TimerStatus.Paused;
    }

    /// <summary>
    /// Runs a paused row again: due when its time left has passed again from <paramref name="at"/>. A row that was
    /// already due when it paused (its firing had not been handled yet) had no time left: it keeps its due time, so
    /// it fires at once and its breach says when the time really ran out, not when the pause ended.
    /// </summary>
    public static void Resume(TimerRecord row, DateTimeOffset at, WorkingCalendar? calendar)
    {
        var left = row.Left ?? TimeSpan.Zero;
        if (left == TimeSpan.Zero && row.DueAt <= at)
        {
            row.Left = null;
            row.Status = TimerStatus.Pending;
            return;
        }
        row.CountFrom = at;
        row.Span = SpanOf(left);
        row.DueAt = calendar?.AddWorkingTime(at, left) ?? at + left;
        row.Left = null;
        row.Status = TimerStatus.Pending;
    }
}
