using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Timers;

/// <summary>
/// When a timer fires: the first due time and, for a cycle, the interval and how many firings
/// there are in all (null: unbounded).
/// </summary>
public sealed record TimerSchedule(DateTimeOffset FirstDue, IsoDuration? Interval, int? Repetitions)
{
    /// <summary>STUB: replaced by the timers implementation.</summary>
    public static TimerSchedule Compute(TimerKind kind, string text, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>STUB: the deploy-time check of a literal timer; null when valid.</summary>
    public static string? Check(TimerKind kind, string text) => null;
}

/// <summary>STUB: an ISO 8601 duration with calendar parts.</summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static bool TryParse(string text, out IsoDuration duration) => throw new NotImplementedException();
    public static IsoDuration Parse(string text) => throw new NotImplementedException();
    public DateTimeOffset AddTo(DateTimeOffset instant) => throw new NotImplementedException();
    public override string ToString() => throw new NotImplementedException();
}
