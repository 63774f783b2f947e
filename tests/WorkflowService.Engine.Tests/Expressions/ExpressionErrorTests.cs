using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class ExpressionErrorTests
{
    [Fact]
    public void A_missing_variable_is_named()
    {
        var error = Fails(() => Condition("${approvedd}"));

        Assert.Equal("variable 'approvedd' is not defined in ${approvedd}", error.Message);
        Assert.Equal("${approvedd}", error.Expression);
    }

    [Fact]
    public void A_missing_variable_in_mixed_text_names_the_whole_text()
    {
        var error = Fails(() => Evaluate("P${dayz}D"));

        Assert.Equal("variable 'dayz' is not defined in P${dayz}D", error.Message);
    }

    [Fact]
    public void A_missing_variable_in_a_script_names_the_line()
    {
        var error = Fails(() => Script("var a = 1;\n\nif (aproved) a = 2;"));

        Assert.Equal("variable 'aproved' is not defined in the script at line 3", error.Message);
    }

    [Fact]
    public void A_syntax_error_points_at_the_column_in_the_text_as_written()
    {
        var error = Fails(() => Evaluate("${a >}"));

        Assert.Equal("syntax error in ${a >} at column 6: Unexpected end of input", error.Message);
    }

    [Fact]
    public void Syntax_error_columns_account_for_translated_juel_words()
    {
        var error = Fails(() => Evaluate("Due: ${units gt 10 and and approved}"));

        Assert.StartsWith("syntax error in Due: ${units gt 10 and and approved} at column 24:", error.Message);
    }

    [Fact]
    public void An_expression_must_be_one_expression()
    {
        Assert.StartsWith("syntax error in ${a); b(} at column 4:", Fails(() => Evaluate("${a); b(}")).Message);
        Assert.StartsWith("syntax error in ${units; 1} at column 8:", Fails(() => Evaluate("${units; 1}")).Message);
    }

    [Fact]
    public void An_unclosed_or_empty_expression_is_a_syntax_error()
    {
        Assert.Equal("syntax error in P${days at column 2: '${' is never closed with '}'", Fails(() => Evaluate("P${days")).Message);
        Assert.Equal("syntax error in x ${ } at column 3: the expression is empty", Fails(() => Evaluate("x ${ }")).Message);
    }

    [Fact]
    public void A_script_syntax_error_gives_line_and_column()
    {
        var error = Fails(() => Script("var a = 1;\nvar b = ;"));

        Assert.Equal("syntax error in the script at line 2, column 9: Unexpected token ';'", error.Message);
    }

    [Fact]
    public void A_runtime_error_keeps_the_javascript_message()
    {
        var error = Fails(() => Evaluate("${customer.toFixed(2)}"));

        Assert.StartsWith("${customer.toFixed(2)} failed: ", error.Message);
        Assert.Contains("toFixed", error.Message);
    }

    [Fact]
    public void A_long_expression_is_shortened_in_messages()
    {
        var expression = "${missingVariable + '" + new string('x', 200) + "'}";

        var error = Fails(() => Evaluate(expression));

        Assert.StartsWith("variable 'missingVariable' is not defined in ${missingVariable + 'xxx", error.Message);
        Assert.EndsWith("...", error.Message);
        Assert.Equal(expression, error.Expression);
    }

    [Theory]
    [InlineData("${nope}")]
    [InlineData("${a >}")]
    [InlineData("${null.x}")]
    [InlineData("${(() => { throw 1 })()}")]
    [InlineData("${eval('1')}")]
    [InlineData("${(function f() { return f() })()}")]
    [InlineData("${'x'.repeat(1e9)}")]
    public void No_script_engine_exception_type_escapes(string expression)
    {
        var error = Fails(() => Evaluate(expression));

        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            var assembly = e.GetType().Assembly.GetName().Name;
            Assert.NotEqual("Jint", assembly);
            Assert.NotEqual("Acornima", assembly);
        }
    }

    [Fact]
    public void A_syntax_error_is_reported_every_time_not_only_the_first()
    {
        var evaluator = new ExpressionEvaluator();

        var first = Fails(() => evaluator.Evaluate("${a >}", Variables, Now));
        var second = Fails(() => evaluator.Evaluate("${a >}", Variables, Now));

        Assert.Equal(first.Message, second.Message);
    }
}
