using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class VariableExposureTests
{
    [Theory]
    [InlineData("${typeof units}", "\"number\"")]
    [InlineData("${typeof customer}", "\"string\"")]
    [InlineData("${typeof approved}", "\"boolean\"")]
    [InlineData("${nothing === null}", "true")]
    [InlineData("${Array.isArray(order.items)}", "true")]
    [InlineData("${order.items[0].qty * units}", "50")]
    [InlineData("${Object.keys(order).join()}", "\"id,customer,items,empty\"")]
    public void Variables_are_globals_of_the_matching_javascript_type(string expression, string json)
    {
        Assert.Equal(json, Evaluate(expression).GetRawText());
    }

    [Fact]
    public void Execution_get_variable_returns_null_for_a_missing_variable()
    {
        Assert.Equal("null", Evaluate("${execution.getVariable('missing')}").GetRawText());
        Assert.Equal("25", Evaluate("${execution.getVariable('units')}").GetRawText());
    }

    [Fact]
    public void Execution_has_variable_tells_whether_a_variable_exists()
    {
        Assert.True(Condition("${execution.hasVariable('nothing')}"));
        Assert.False(Condition("${execution.hasVariable('missing')}"));
    }

    [Fact]
    public void A_variable_whose_name_is_not_an_identifier_is_reached_through_execution()
    {
        Assert.Equal("SO-1", Evaluate("${execution.getVariable('order-id')}").GetString());
    }

    [Fact]
    public void A_variable_cannot_shadow_a_built_in_or_execution()
    {
        var variables = VariableMap.Of(("Math", 1), ("execution", "x"), ("units", 4));
        var evaluator = new ExpressionEvaluator();

        Assert.Equal(2, evaluator.Evaluate("${Math.sqrt(units)}", variables, Now).GetInt32());
        Assert.Equal(1, evaluator.Evaluate("${execution.getVariable('Math')}", variables, Now).GetInt32());
        Assert.Equal("x", evaluator.Evaluate("${execution.getVariable('execution')}", variables, Now).GetString());
    }

    [Fact]
    public void A_proto_key_in_a_variable_is_plain_data_not_a_prototype()
    {
        var variables = VariableMap.FromJson("""{ "payload": { "__proto__": { "admin": true } } }""");

        var value = new ExpressionEvaluator().Evaluate("${payload.admin === undefined && payload.__proto__.admin}", variables, Now);

        Assert.True(value.GetBoolean());
    }

    [Fact]
    public void A_lone_variable_or_path_comes_back_exactly_as_stored()
    {
        var variables = VariableMap.FromJson("""{ "big": 12345678901234567890, "order": { "total": 10.50 } }""");
        var evaluator = new ExpressionEvaluator();

        Assert.Equal("12345678901234567890", evaluator.Evaluate("${big}", variables, Now).GetRawText());
        Assert.Equal("10.50", evaluator.Evaluate("${ order.total }", variables, Now).GetRawText());
    }

    [Fact]
    public void A_missing_property_on_a_path_behaves_as_in_javascript()
    {
        Assert.Equal("null", Evaluate("${order.missing}").GetRawText());
        var error = Fails(() => Evaluate("${order.missing.deeper}"));
        Assert.Equal("${order.missing.deeper} failed: Cannot read properties of undefined (reading 'deeper')", error.Message);
    }

    [Fact]
    public void Changes_to_a_variable_inside_an_expression_do_not_reach_the_caller()
    {
        var evaluator = new ExpressionEvaluator();

        evaluator.Evaluate("${order.items.push(1)}", Variables, Now);

        Assert.Equal(1, Variables["order"].GetProperty("items").GetArrayLength());
    }
}
