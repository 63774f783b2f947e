using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class ConditionTests
{
    [Fact]
    public void A_boolean_result_decides_the_condition()
    {
        Assert.True(Condition("${units > 10}"));
        Assert.False(Condition("${units > 100}"));
        Assert.True(Condition("${approved}"));
    }

    [Fact]
    public void A_string_result_is_refused_naming_the_value_and_its_type()
    {
        var error = Fails(() => Condition("${'abc'}"));

        Assert.Equal("condition ${'abc'} yielded 'abc' (string), not a boolean", error.Message);
        Assert.Equal("${'abc'}", error.Expression);
    }

    [Theory]
    [InlineData("${units}", "yielded 25 (number)")]
    [InlineData("${nothing}", "yielded null")]
    [InlineData("${order.missing}", "yielded undefined")]
    [InlineData("${order}", "yielded an object")]
    [InlineData("${tags}", "yielded an array")]
    [InlineData("${'false'}", "yielded 'false' (string)")]
    public void Truthiness_is_not_enough(string condition, string fragment)
    {
        var error = Fails(() => Condition(condition));

        Assert.Contains(fragment, error.Message);
        Assert.EndsWith("not a boolean", error.Message);
    }

    [Fact]
    public void Plain_text_is_refused_with_the_expression_it_should_be()
    {
        var error = Fails(() => Condition("units > 10"));

        Assert.Equal("condition units > 10 is plain text, not an expression; write it as ${units > 10}", error.Message);
    }

    [Fact]
    public void An_empty_condition_is_refused()
    {
        Assert.Equal("the condition is empty; write it as ${...}, e.g. ${approved}", Fails(() => Condition(" ")).Message);
    }

    [Fact]
    public void Mixed_text_yields_a_string_and_is_refused()
    {
        var error = Fails(() => Condition("${approved} and ${units > 1}"));

        Assert.Equal("condition ${approved} and ${units > 1} yielded 'true and true' (string), not a boolean", error.Message);
    }

    [Fact]
    public void A_variable_holding_a_boolean_is_read_directly()
    {
        var variables = VariableMap.Of(("ok", false));

        Assert.False(new ExpressionEvaluator().EvaluateCondition("${ok}", variables, Now));
    }
}
