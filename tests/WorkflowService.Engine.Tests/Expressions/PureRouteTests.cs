using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Tests.Scenarios;
using WorkflowService.Engine.Tests.Support;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

/// <summary>
/// Which expressions are computed without an engine and which still run in a Jint sandbox: the
/// common shapes must take the cheap way, and anything that calls, assigns, converts an object or
/// reaches a prototype must not.
/// </summary>
public class PureRouteTests
{
    [Theory]
    [InlineData("${typeof receivedAt == 'string' ? receivedAt : null}", "null")]
    [InlineData("${typeof customer == 'string' ? customer : null}", "\"ACME\"")]
    [InlineData("${units > 10}", "true")]
    [InlineData("${units * 2 + 1}", "51")]
    [InlineData("${price / 2}", "6.25")]
    [InlineData("${units % 7 - days}", "1")]
    [InlineData("${-units}", "-25")]
    [InlineData("${customer + ' / ' + order.id}", "\"ACME / SO-1\"")]
    [InlineData("${'P' + units + 'D'}", "\"P25D\"")]
    [InlineData("${approved && units >= 20}", "true")]
    [InlineData("${!approved || nothing}", "null")]
    [InlineData("${nothing ?? days}", "3")]
    [InlineData("${nothing == null}", "true")]
    [InlineData("${order.customer === customer}", "true")]
    [InlineData("${'10' == 10}", "true")]
    [InlineData("${'a' < 'b'}", "true")]
    [InlineData("${order.items.length}", "1")]
    [InlineData("${order.items[0].qty * units}", "50")]
    [InlineData("${order['customer']}", "\"ACME\"")]
    [InlineData("${order.missing}", "null")]
    [InlineData("${typeof missing}", "\"undefined\"")]
    [InlineData("${empty comment and not empty order.items}", "true")]
    [InlineData("${units gt 3 or approved eq false}", "true")]
    [InlineData("${settings.x === undefined}", "true")]
    public void A_common_expression_is_computed_without_an_engine(string expression, string json)
    {
        var (value, routes) = Observe(expression);

        Assert.Equal(json, value);
        Assert.Equal([EvaluationRoute.Pure], routes);
    }

    [Theory]
    [InlineData("${Math.random() > 0.5}")]
    [InlineData("${Math.max(units, days)}")]
    [InlineData("${typeof Math}")]
    [InlineData("${constructor}")]
    [InlineData("${toString}")]
    [InlineData("${typeof hasOwnProperty}")]
    [InlineData("${order.constructor}")]
    [InlineData("${order.__proto__}")]
    [InlineData("${order.items.map}")]
    [InlineData("${order.toString()}")]
    [InlineData("${execution.getVariable('units')}")]
    [InlineData("${(globalThis.count = 1)}")]
    [InlineData("${units = 1}")]
    [InlineData("${this}")]
    [InlineData("${missing}")]
    [InlineData("${units ** 2}")]
    [InlineData("${order + ''}")]
    [InlineData("${order == 'x'}")]
    [InlineData("${units + approved}")]
    [InlineData("${units / 0}")]
    [InlineData("${'x'.repeat(3)}")]
    [InlineData("${`units`}")]
    [InlineData("${/a/.test(customer)}")]
    [InlineData("${new Date().toISOString()}")]
    [InlineData("${order?.customer}")]
    [InlineData("${(units, days)}")]
    [InlineData("${order || tags}")]
    [InlineData("${nothing.x}")]
    public void Anything_outside_the_subset_still_runs_in_a_sandbox(string expression)
    {
        var (_, routes) = Observe(expression);

        Assert.Equal([EvaluationRoute.Jint], routes);
    }

    [Fact]
    public void A_condition_computed_without_an_engine_must_still_yield_a_boolean()
    {
        var evaluator = new ExpressionEvaluator();
        var routes = new List<EvaluationRoute>();
        evaluator.RouteObserved = (_, route) => routes.Add(route);

        Assert.True(evaluator.EvaluateCondition("${units > 10 && customer == 'ACME'}", Variables, Now));
        var error = Fails(() => evaluator.EvaluateCondition("${units + 1}", Variables, Now));

        Assert.Equal("condition ${units + 1} yielded 26 (number), not a boolean", error.Message);
        Assert.Equal([EvaluationRoute.Pure, EvaluationRoute.Jint], routes);
    }

    [Fact]
    public void Interpolated_text_computes_each_part_its_own_way()
    {
        var evaluator = new ExpressionEvaluator();
        var routes = new List<EvaluationRoute>();
        evaluator.RouteObserved = (_, route) => routes.Add(route);

        var text = evaluator.Evaluate("${customer}: ${units * 2} units, ${nothing} due ${Math.max(days, 1)}", Variables, Now);

        Assert.Equal("ACME: 50 units,  due 3", text.GetString());
        Assert.Equal([EvaluationRoute.StoredPath, EvaluationRoute.Pure, EvaluationRoute.StoredPath, EvaluationRoute.Jint], routes);
    }

    [Fact]
    public void After_a_part_ran_in_the_sandbox_later_parts_run_there_too_and_see_what_it_changed()
    {
        const string text = "${(globalThis.units = 1)} ${units > 10} ${units * 2}";
        var evaluator = new ExpressionEvaluator();
        var routes = new List<EvaluationRoute>();
        evaluator.RouteObserved = (_, route) => routes.Add(route);

        var value = evaluator.Evaluate(text, Variables, Now).GetString();

        Assert.Equal("1 false 2", value);
        Assert.Equal(new ExpressionEvaluator { ComputesWithoutEngine = false }.Evaluate(text, Variables, Now).GetString(), value);
        Assert.Equal([EvaluationRoute.Jint, EvaluationRoute.Jint, EvaluationRoute.Jint], routes);
    }

    [Fact]
    public void Joined_text_longer_than_a_sixteenth_of_the_memory_limit_is_left_to_the_sandbox()
    {
        var limits = new ExpressionLimits { MaxMemoryBytes = 64 * 1024 };
        var evaluator = new ExpressionEvaluator(limits);
        var routes = new List<EvaluationRoute>();
        evaluator.RouteObserved = (_, route) => routes.Add(route);
        var variables = Simulation.Vars(new { a = new string('x', 3000), b = new string('y', 3000) });

        Assert.Equal(new string('x', 3000) + "-", evaluator.Evaluate("${a + '-'}", variables, Now).GetString());
        // 6,000 characters: the sandbox decides, under its memory limit, as before.
        var joined = Record.Exception(() => evaluator.Evaluate("${a + b}", variables, Now))?.Message;
        var sandboxed = Record.Exception(() => new ExpressionEvaluator(limits) { ComputesWithoutEngine = false }.Evaluate("${a + b}", variables, Now))?.Message;

        Assert.Equal(sandboxed, joined);
        Assert.Equal([EvaluationRoute.Pure, EvaluationRoute.Jint], routes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Starting_a_repair_and_accepting_it_runs_no_sandbox(bool orderHasReceivedAt)
    {
        var interpreter = new Interpreter(new InterpreterOptions { Calendars = TestCalendars.Of(TestCalendars.AroundTheClock()) });
        var routes = new List<(string Text, EvaluationRoute Route)>();
        interpreter.Expressions.RouteObserved = (text, route) => routes.Add((text, route));
        var order = orderHasReceivedAt
            ? Simulation.Vars(new { customer = "ACME", units = 25, inWarranty = false, receivedAt = "2026-03-02T08:00:00.000Z" })
            : Simulation.Vars(new { customer = "ACME", units = 25, inWarranty = false });

        var sim = Simulation.Start(ShippedProcesses.Repair, order, interpreter: interpreter);
        sim.Submit("acceptRequest", new { fault = "Paper jam", customerInformed = true }, by: "desk");

        Assert.True(sim.HasTask("dispatchEngineer"));
        const string countFrom = "${typeof receivedAt == 'string' ? receivedAt : null}";
        Assert.Equal([(countFrom, EvaluationRoute.Pure), (countFrom, EvaluationRoute.Pure)], routes);
    }

    private static (string Json, List<EvaluationRoute> Routes) Observe(string expression)
    {
        var evaluator = new ExpressionEvaluator();
        var routes = new List<EvaluationRoute>();
        evaluator.RouteObserved = (_, route) => routes.Add(route);
        string json;
        try
        {
            json = evaluator.Evaluate(expression, Variables, Now).GetRawText();
        }
        catch (ExpressionException e)
        {
            json = "error: " + e.Message;
        }
        return (json, routes);
    }
}
