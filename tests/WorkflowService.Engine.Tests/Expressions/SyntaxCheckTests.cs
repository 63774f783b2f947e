using System.Diagnostics;
using WorkflowService.Engine.Expressions;

namespace WorkflowService.Engine.Tests.Expressions;

public class SyntaxCheckTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("${units > 10 and approved}")]
    [InlineData("P${days}D")]
    [InlineData("${not empty order.items}")]
    [InlineData("#{a eq 'x'}")]
    public void Valid_texts_have_no_error(string text)
    {
        Assert.Null(ExpressionEvaluator.CheckSyntax(text));
    }

    [Fact]
    public void An_invalid_expression_gets_the_same_message_as_at_run_time()
    {
        Assert.Equal("syntax error in ${a >} at column 6: Unexpected end of input", ExpressionEvaluator.CheckSyntax("${a >}"));
        Assert.Equal("syntax error in P${days at column 2: '${' is never closed with '}'", ExpressionEvaluator.CheckSyntax("P${days"));
    }

    [Fact]
    public void A_script_check_reports_line_and_column()
    {
        Assert.Null(ExpressionEvaluator.CheckScriptSyntax("var a = 1;\nexecution.setVariable('a', a);"));
        Assert.Equal("syntax error in the script at line 2, column 6: Unexpected token '}'", ExpressionEvaluator.CheckScriptSyntax("if (a) {\n  a +}"));
    }

    [Fact]
    public void Checking_runs_nothing()
    {
        var clock = Stopwatch.StartNew();

        Assert.Null(ExpressionEvaluator.CheckScriptSyntax("while (true) {}"));
        Assert.Null(ExpressionEvaluator.CheckSyntax("${(() => { for (;;) {} })()}"));
        Assert.Null(ExpressionEvaluator.CheckSyntax("${undefinedVariable.anything}"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }
}
