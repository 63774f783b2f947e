using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Tests.Timers;

public class TimerCheckTests
{
    [Theory]
    [InlineData(TimerKind.Duration, "PT15M")]
    [InlineData(TimerKind.Date, "2026-03-01T09:00:00Z")]
    [InlineData(TimerKind.Date, "2020-01-01")]
    [InlineData(TimerKind.Cycle, "R3/PT10M")]
    [InlineData(TimerKind.Cycle, "R3/2020-01-01T00:00:00Z/PT1H")]
    public void A_valid_literal_timer_passes(TimerKind kind, string text)
    {
        Assert.Null(TimerSchedule.Check(kind, text));
    }

    [Theory]
    [InlineData(TimerKind.Duration, "PT5X", "'PT5X' is not an ISO 8601 duration (expected e.g. PT5M, P1D)")]
    [InlineData(TimerKind.Duration, "2026-03-01", "'2026-03-01' is not an ISO 8601 duration (expected e.g. PT5M, P1D)")]
    [InlineData(TimerKind.Date, "PT5M", "'PT5M' is not an ISO 8601 date-time (expected e.g. 2026-03-01T09:00:00Z or 2026-03-01)")]
    [InlineData(TimerKind.Cycle, "R0/PT1H", "'R0/PT1H' never fires: the repetition count must be at least 1 (or R alone for no end)")]
    [InlineData(TimerKind.Cycle, "0 0 9 * * ?", "'0 0 9 * * ?': cron timer cycles are not supported; use an ISO 8601 repeating interval such as R/P1D")]
    [InlineData(TimerKind.Duration, " ", "the timer has no duration (expected e.g. PT5M, P1D)")]
    public void An_invalid_literal_timer_gets_the_message_it_would_get_when_armed(TimerKind kind, string text, string message)
    {
        Assert.Equal(message, TimerSchedule.Check(kind, text));
    }

    [Fact]
    public void A_computed_timer_is_checked_for_expression_syntax_only()
    {
        Assert.Null(TimerSchedule.Check(TimerKind.Duration, "${'P' + Math.ceil(units / 10) + 'D'}"));
        Assert.Null(TimerSchedule.Check(TimerKind.Duration, "P${days}D"));
        Assert.StartsWith("syntax error in ${units >} at column", TimerSchedule.Check(TimerKind.Duration, "${units >}"));
    }
}
