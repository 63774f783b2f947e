using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;

namespace WorkflowService.Engine.Tests.Expressions;

/// <summary>Shared inputs: one instant and a typical after-sales variable set.</summary>
internal static class ExpressionFixture
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 15, 250, TimeSpan.Zero);

    public static ImmutableDictionary<string, JsonElement> Variables { get; } = VariableMap.FromJson("""
        {
          "units": 25,
          "days": 3,
          "approved": true,
          "customer": "ACME",
          "comment": "",
          "price": 12.5,
          "nothing": null,
          "order": { "id": "SO-1", "customer": "ACME", "items": [ { "sku": "A", "qty": 2 } ], "empty": false },
          "tags": [],
          "settings": {},
          "order-id": "SO-1"
        }
        """);

    public static JsonElement Evaluate(string expression, ExpressionEvaluator? evaluator = null) =>
        (evaluator ?? new ExpressionEvaluator()).Evaluate(expression, Variables, Now);

    public static bool Condition(string expression) => new ExpressionEvaluator().EvaluateCondition(expression, Variables, Now);

    public static ScriptOutcome Script(string script) => new ExpressionEvaluator().RunScript(script, Variables, Now);

    public static ExpressionException Fails(Action action) => Assert.Throws<ExpressionException>(action);
}
