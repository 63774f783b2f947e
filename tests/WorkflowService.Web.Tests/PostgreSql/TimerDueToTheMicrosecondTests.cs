using Microsoft.Extensions.Time.Testing;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// PostgreSQL keeps instants to the microsecond, .NET to a tenth of one. A due time between two
/// microseconds must not be stored before itself: the timer job waits for the stored due time,
/// and the engine ignores a firing even a tick before the real one (while the job marks the row
/// fired), so the timer would be lost.
/// </summary>
public sealed class TimerDueToTheMicrosecondTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_timer_fires_when_the_clock_reaches_its_due_time_as_stored()
    {
        // A clock between two microseconds: every due time computed from it has ticks PostgreSQL cannot keep.
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddTicks(1_234_567), TimeSpan.Zero));
        var node = await nodes.StartNodeAsync(clock);
        var (id, _, dueAt) = await WatchedTask.StartAsync(node, "microsecond-sla", "PT1H");

        clock.SetUtcNow(dueAt);
        await node.SweepDueTimersAsync();

        await WatchedTask.ExpectFiredOnceAsync(id, "microsecond-sla", dueAt, node);
    }
}
