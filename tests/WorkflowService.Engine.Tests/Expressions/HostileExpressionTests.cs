using System.Diagnostics;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

/// <summary>Scripts written to hurt: each must be stopped by a limit or refused, quickly and with a clear message.</summary>
public class HostileExpressionTests
{
    [Fact]
    public void An_endless_loop_is_stopped_fast_by_the_statement_limit()
    {
        var clock = Stopwatch.StartNew();

        var error = Fails(() => Script("while (true) {}"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("the script ran longer than the 10,000-statement limit", error.Message);
    }

    [Fact]
    public void An_endless_loop_is_stopped_by_the_time_limit_when_statements_allow_more()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionLimits { Timeout = TimeSpan.FromMilliseconds(100), MaxStatements = int.MaxValue - 1 });
        var clock = Stopwatch.StartNew();

        var error = Fails(() => evaluator.EvaluateCondition("${(() => { for (;;) {} })()}", Variables, Now));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("${(() => { for (;;) {} })()} ran longer than the 100 ms limit", error.Message);
    }

    [Fact]
    public void Catastrophic_regex_backtracking_is_stopped_by_the_time_limit()
    {
        var clock = Stopwatch.StartNew();

        var error = Fails(() => Script("/(a+)+b/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac')"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal("the script ran longer than the 250 ms limit", error.Message);
    }

    [Fact]
    public void Endless_recursion_is_stopped_by_the_recursion_limit()
    {
        var error = Fails(() => Script("function f() { return f(); }\nf();"));

        Assert.Equal("the script exceeded the recursion limit of 64", error.Message);
    }

    [Theory]
    [InlineData("'x'.repeat(1e8)")]
    [InlineData("new String('x').repeat(1e8)")]
    [InlineData("var s = 'x'; for (;;) s += s;")]
    [InlineData("new Array(1e7).fill(0)")]
    [InlineData("var a = []; for (var i = 0; i < 9000; i++) a.push('x'.repeat(1000));")]
    [InlineData("Array.from({ length: 1e7 })")]
    public void A_huge_allocation_is_stopped_by_the_memory_limit(string script)
    {
        var clock = Stopwatch.StartNew();

        var error = Fails(() => Script(script));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        // On a loaded machine a single native fill may run into the time limit before the memory
        // check between statements sees it; either limit stops it, and nothing else may.
        Assert.Contains(error.Message, new[] { "the script used more than 4 MB", "the script ran longer than the 250 ms limit" });
    }

    [Fact]
    public void Buffers_that_allocate_outside_the_memory_accounting_do_not_exist()
    {
        Assert.Equal("undefined undefined undefined", Script("typeof ArrayBuffer + ' ' + typeof Uint8Array + ' ' + typeof Proxy").Result!.Value.GetString());
    }

    [Fact]
    public void A_sparse_array_too_large_to_write_as_json_is_refused()
    {
        var error = Fails(() => Script("new Array(1e9)"));

        Assert.Equal("the script yielded a value larger than 4 MB", error.Message);
    }

    [Theory]
    [InlineData("eval('1')")]
    [InlineData("Function('return 1')()")]
    [InlineData("new Function('return 1')")]
    [InlineData("(async function () {}).constructor('return 1')")]
    public void Code_built_from_strings_is_refused(string script)
    {
        var error = Fails(() => Script(script));

        Assert.Equal("the script failed at line 1: eval and new Function are not available (code cannot be built from strings)", error.Message);
    }

    [Fact]
    public void There_is_no_way_to_the_clr()
    {
        var result = Script("[typeof System, typeof importNamespace, typeof clrHelper, typeof require, typeof module, typeof process].join()");

        Assert.Equal("undefined,undefined,undefined,undefined,undefined,undefined", result.Result!.Value.GetString());
    }

    [Fact]
    public void Modules_cannot_be_imported()
    {
        Assert.Equal("the script cannot import modules: workflow scripts run on their own", Fails(() => Script("import('fs')")).Message);
        Assert.StartsWith("syntax error in the script", Fails(() => Script("import fs from 'fs';")).Message);
    }

    [Fact]
    public void Math_random_is_refused_because_the_engine_is_deterministic()
    {
        var error = Fails(() => Evaluate("${Math.random() > 0.5}"));

        Assert.Equal("${Math.random() > 0.5} failed: Math.random() is not available: workflow expressions must give the same result every time they run", error.Message);
    }

    [Fact]
    public void New_date_is_the_given_now()
    {
        Assert.Equal("2026-03-01T12:30:15.250Z", Evaluate("${new Date().toISOString()}").GetString());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Evaluate("${Date.now()}").GetInt64());
        Assert.Equal("2026-03-01T12:30:15.25Z", Evaluate("${Temporal.Now.instant().toString()}").GetString());
    }

    [Fact]
    public void Global_and_prototype_pollution_does_not_leak_into_the_next_evaluation()
    {
        var evaluator = new ExpressionEvaluator();
        evaluator.RunScript(
            "Object.prototype.injected = 'x'; Array.prototype.map = null; Math.ceil = () => 42; " +
            "String.prototype.trim = () => 'hacked'; globalThis.leak = 1; JSON.stringify = null; units = 0;",
            Variables, Now);

        var after = evaluator.RunScript(
            "[typeof ({}).injected, typeof [].map, Math.ceil(1.5), ' a '.trim(), typeof leak, typeof JSON.stringify, units].join()",
            Variables, Now);

        Assert.Equal("undefined,function,2,a,undefined,function,25", after.Result!.Value.GetString());
    }

    [Fact]
    public void Pollution_by_an_expression_does_not_reach_a_cached_copy_of_the_same_expression()
    {
        var evaluator = new ExpressionEvaluator();
        const string expression = "${(globalThis.count = (globalThis.count || 0) + 1)}";

        Assert.Equal(1, evaluator.Evaluate(expression, Variables, Now).GetInt32());
        Assert.Equal(1, evaluator.Evaluate(expression, Variables, Now).GetInt32());
    }

    [Fact]
    public void Getters_on_a_result_are_not_run_after_the_limits_end()
    {
        var clock = Stopwatch.StartNew();

        var outcome = Script("({ plain: 1, get trap() { for (;;) {} } })");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("""{"plain":1}""", outcome.Result!.Value.GetRawText());
    }

    [Fact]
    public void A_thrown_object_with_hostile_getters_is_still_stopped()
    {
        var error = Fails(() => Script("throw { get message() { for (;;) {} }, get name() { for (;;) {} } };"));

        Assert.Equal("the script ran longer than the 10,000-statement limit", error.Message);
    }

    [Fact]
    public void Promise_jobs_are_bound_by_the_same_limits()
    {
        var error = Fails(() => Script("Promise.resolve().then(() => { for (;;) {} }); 1"));

        Assert.Equal("the script ran longer than the 10,000-statement limit", error.Message);
    }

    [Fact]
    public void Limits_apply_to_every_run_not_to_the_evaluator_as_a_whole()
    {
        var evaluator = new ExpressionEvaluator();
        const string script = "var n = 0; for (var i = 0; i < 3000; i++) n++; n";

        for (var run = 0; run < 5; run++)
            Assert.Equal(3000, evaluator.RunScript(script, VariableMap.Empty, Now).Result!.Value.GetInt32());
    }
}
