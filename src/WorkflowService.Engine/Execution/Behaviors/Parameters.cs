using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>Evaluates <c>camunda:inputOutput</c> parameters: text, lists and maps of expressions.</summary>
internal static class Parameters
{
    public static ImmutableDictionary<string, JsonElement> Evaluate(StepContext ctx, ImmutableArray<IoParameter> parameters,
        IReadOnlyDictionary<string, JsonElement> variables)
    {
        var result = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in parameters) result[p.Name] = VariableMap.Value(ToClr(ctx, p.Value, variables));
        return result.ToImmutable();
    }

    private static object? ToClr(StepContext ctx, IoValue value, IReadOnlyDictionary<string, JsonElement> variables) =>
        value switch
        {
            IoText { Text: null } => null,
            IoText t => ctx.Expressions.Evaluate(t.Text, variables, ctx.Now),
            IoList l => l.Items.Select(i => ToClr(ctx, i, variables)).ToList(),
            IoMap m => m.Entries.ToDictionary(e => e.Key, e => ToClr(ctx, e.Value, variables), StringComparer.Ordinal),
            _ => throw new InvalidOperationException($"Unknown parameter value {value.GetType().Name}"),
        };
}
