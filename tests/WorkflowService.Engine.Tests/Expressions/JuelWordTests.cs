using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class JuelWordTests
{
    [Theory]
    [InlineData("${approved and units > 10}", true)]
    [InlineData("${approved and units > 100}", false)]
    [InlineData("${units > 100 or approved}", true)]
    [InlineData("${not approved}", false)]
    [InlineData("${not (units > 100) and approved}", true)]
    public void And_or_not_work_in_a_condition(string condition, bool expected)
    {
        Assert.Equal(expected, Condition(condition));
    }

    [Theory]
    [InlineData("${units eq 25}", true)]
    [InlineData("${units ne 25}", false)]
    [InlineData("${units lt 26}", true)]
    [InlineData("${units gt 25}", false)]
    [InlineData("${units le 25}", true)]
    [InlineData("${units ge 26}", false)]
    [InlineData("${customer eq 'ACME'}", true)]
    public void Comparison_words_work_like_their_operators(string condition, bool expected)
    {
        Assert.Equal(expected, Condition(condition));
    }

    [Fact]
    public void Eq_compares_loosely_as_juel_coerces_before_comparing()
    {
        Assert.True(Condition("${units eq '25'}"));
        Assert.True(Condition("${nothing eq undefined}"));
        Assert.False(Condition("${units ne '25'}"));
    }

    [Theory]
    [InlineData("${empty nothing}", true)]
    [InlineData("${empty comment}", true)]
    [InlineData("${empty tags}", true)]
    [InlineData("${empty settings}", true)]
    [InlineData("${empty execution.getVariable('missing')}", true)]
    [InlineData("${empty customer}", false)]
    [InlineData("${empty order.items}", false)]
    [InlineData("${empty units}", false)]
    [InlineData("${!empty order.items}", true)]
    [InlineData("${not empty order.items[0].sku}", true)]
    [InlineData("${empty order.items and approved}", false)]
    [InlineData("${empty tags and approved}", true)]
    [InlineData("${empty (comment + customer)}", false)]
    public void Empty_is_true_for_null_empty_text_and_empty_collections(string condition, bool expected)
    {
        Assert.Equal(expected, Condition(condition));
    }

    [Fact]
    public void Words_inside_string_literals_are_left_alone()
    {
        Assert.Equal("rock and roll or not", Evaluate("${'rock and roll' + \" or not\"}").GetString());
        Assert.Equal("lt gt empty", Evaluate("${`lt gt empty`}").GetString());
        Assert.True(Condition("${/ and /.test('this and that')}"));
    }

    [Fact]
    public void Words_that_are_part_of_longer_identifiers_or_properties_are_left_alone()
    {
        var variables = VariableMap.FromJson("""{ "band": "x", "isEmpty": true, "order": { "empty": false, "and": 1 } }""");
        var evaluator = new ExpressionEvaluator();

        Assert.Equal("x", evaluator.Evaluate("${band}", variables, Now).GetString());
        Assert.True(evaluator.EvaluateCondition("${isEmpty and order.empty eq false}", variables, Now));
        Assert.Equal(1, evaluator.Evaluate("${order.and}", variables, Now).GetInt32());
        Assert.Equal(1, evaluator.Evaluate("${order?.and}", variables, Now).GetInt32());
    }

    [Fact]
    public void Words_as_object_keys_are_left_alone()
    {
        Assert.Equal("{\"lt\":1,\"empty\":true}", Evaluate("${{ lt: 1, empty: empty tags }}").GetRawText());
    }

    [Fact]
    public void The_hash_wrapper_accepts_juel_words_too()
    {
        Assert.True(Condition("#{approved and not empty customer}"));
    }

    [Fact]
    public void Empty_without_a_value_is_a_syntax_error_pointing_at_it()
    {
        var error = Fails(() => Condition("${approved and empty}"));

        Assert.Equal("syntax error in ${approved and empty} at column 16: 'empty' must be followed by a value, as in empty order.items", error.Message);
    }

    [Fact]
    public void Scripts_are_plain_javascript_where_the_words_are_ordinary_names()
    {
        var outcome = new ExpressionEvaluator().RunScript("var and = 1, empty = 2; and + empty", VariableMap.Empty, Now);

        Assert.Equal(3, outcome.Result!.Value.GetInt32());
    }
}
