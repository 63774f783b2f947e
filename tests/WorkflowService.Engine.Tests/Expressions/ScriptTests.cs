using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class ScriptTests
{
    [Fact]
    public void The_completion_value_is_the_result()
    {
        var outcome = Script("var total = 0;\nfor (const item of order.items) total += item.qty * units;\ntotal");

        Assert.Equal(50, outcome.Result!.Value.GetInt32());
        Assert.Empty(outcome.VariablesSet);
    }

    [Fact]
    public void Set_variable_is_how_a_script_changes_variables()
    {
        var outcome = Script("execution.setVariable('priority', units > 10 ? 'high' : 'normal');\nexecution.setVariable('checked', { by: customer, at: new Date() });");

        Assert.Equal("high", outcome.VariablesSet["priority"].GetString());
        Assert.Equal("""{"by":"ACME","at":"2026-03-01T12:30:15.250Z"}""", outcome.VariablesSet["checked"].GetRawText());
    }

    [Fact]
    public void Top_level_declarations_and_assignments_do_not_leak_into_variables()
    {
        var outcome = Script("var x = 1; let y = 2; units = 99; globalThis.z = 3;");

        Assert.Empty(outcome.VariablesSet);
    }

    [Fact]
    public void Get_variable_sees_a_value_set_earlier_in_the_same_script()
    {
        var outcome = Script("execution.setVariable('units', 7); execution.getVariable('units') + ' ' + units");

        Assert.Equal("7 25", outcome.Result!.Value.GetString());
        Assert.Equal(7, outcome.VariablesSet["units"].GetInt32());
    }

    [Fact]
    public void The_last_value_set_wins()
    {
        var outcome = Script("execution.setVariable('a', 1); execution.setVariable('a', 2);");

        Assert.Equal(2, outcome.VariablesSet["a"].GetInt32());
    }

    [Fact]
    public void No_completion_value_is_null_and_a_null_completion_is_json_null()
    {
        Assert.Null(Script("var a = 1;").Result);
        Assert.Equal("null", Script("null").Result!.Value.GetRawText());
    }

    [Fact]
    public void Setting_a_value_without_a_json_form_fails_at_that_line()
    {
        var error = Fails(() => Script("var a = 1;\nexecution.setVariable('ratio', 1 / 0);"));

        Assert.Equal("the script failed at line 2: execution.setVariable('ratio', ...) was given Infinity, which JSON cannot store", error.Message);
    }

    [Fact]
    public void Set_variable_needs_a_name()
    {
        var error = Fails(() => Script("execution.setVariable('', 1)"));

        Assert.Contains("expects a variable name", error.Message);
    }

    [Fact]
    public void An_expression_cannot_set_variables()
    {
        var error = Fails(() => Evaluate("${execution.setVariable('a', 1)}"));

        Assert.Equal("${execution.setVariable('a', 1)} failed: execution.setVariable is only available in script tasks; an expression cannot change variables", error.Message);
    }

    [Fact]
    public void A_script_can_catch_its_own_errors()
    {
        var outcome = Script("try { missing.call(); } catch (e) { execution.setVariable('error', e.message); }");

        Assert.Equal("missing is not defined", outcome.VariablesSet["error"].GetString());
    }

    [Fact]
    public void A_thrown_error_is_reported_with_its_line()
    {
        var error = Fails(() => Script("if (units > 10)\n  throw new Error('order too large for express repair');"));

        Assert.Equal("the script failed at line 2: order too large for express repair", error.Message);
    }

    [Fact]
    public void Scripts_may_use_modern_javascript()
    {
        var variables = VariableMap.FromJson("""{ "lines": [ { "qty": 2, "price": 10 }, { "qty": 1, "price": 5.5 } ] }""");

        var outcome = new ExpressionEvaluator().RunScript(
            "const { length } = lines; const total = lines.reduce((sum, { qty, price }) => sum + qty * price, 0); ({ length, total, label: `${length} lines` })",
            variables, Now);

        Assert.Equal("""{"length":2,"total":25.5,"label":"2 lines"}""", outcome.Result!.Value.GetRawText());
    }
}
