namespace WorkflowService.Runtime.Tests.Support;

/// <summary>
/// The system clock, except that its timers (and so <c>Task.Delay</c> on it) go off 50 ms
/// before they are due. Real timers do end early now and then: they count whole milliseconds
/// on a monotonic clock while due times are on the wall clock, which can be slewed. This makes
/// the rare case the normal one.
/// </summary>
public sealed class EarlyTimerClock : TimeProvider
{
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(50);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime > Early ? dueTime - Early : dueTime, period);
}
