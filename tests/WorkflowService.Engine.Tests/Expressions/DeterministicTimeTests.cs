using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class DeterministicTimeTests
{
    [Fact]
    public void The_clock_is_the_argument_and_nothing_else()
    {
        var evaluator = new ExpressionEvaluator();
        var later = Now.AddDays(3);

        Assert.Equal("2026-03-01T12:30:15.250Z", evaluator.Evaluate("${new Date()}", Variables, Now).GetString());
        Assert.Equal("2026-03-04T12:30:15.250Z", evaluator.Evaluate("${new Date()}", Variables, later).GetString());
    }

    [Fact]
    public void Now_with_an_offset_is_the_same_instant()
    {
        var evaluator = new ExpressionEvaluator();
        var inBerlin = new DateTimeOffset(2026, 3, 1, 13, 30, 15, 250, TimeSpan.FromHours(1));

        Assert.Equal("2026-03-01T12:30:15.250Z", evaluator.Evaluate("${new Date()}", Variables, inBerlin).GetString());
    }

    [Fact]
    public void Dates_are_read_and_shown_in_utc()
    {
        Assert.Equal(0, Evaluate("${new Date(2026, 0, 15).getTimezoneOffset()}").GetInt32());
        Assert.Equal("2026-01-01T10:00:00.000Z", Evaluate("${new Date('2026-01-01T10:00:00').toISOString()}").GetString());
        Assert.Equal(12, Evaluate("${new Date().getHours()}").GetInt32());
    }

    [Fact]
    public void Locale_formatting_is_invariant()
    {
        Assert.Equal("1,234.5", Evaluate("${(1234.5).toLocaleString()}").GetString());
    }

    [Fact]
    public void Date_arithmetic_for_a_due_date_works()
    {
        var due = Evaluate("${new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().substring(0, 10)}");

        Assert.Equal("2026-03-04", due.GetString());
    }
}
