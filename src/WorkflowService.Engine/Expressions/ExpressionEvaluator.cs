using System.Collections.Immutable;
using System.Text.Json;

namespace WorkflowService.Engine.Expressions;

/// <summary>Hard limits for every expression and script run.</summary>
public sealed record ExpressionLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(250);
    public int MaxStatements { get; init; } = 10_000;
    public long MaxMemoryBytes { get; init; } = 4 * 1024 * 1024;
    public int MaxRecursionDepth { get; init; } = 64;
}

/// <summary>An expression or script failed; the message says what went wrong in user terms.</summary>
public sealed class ExpressionException(string expression, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Expression { get; } = expression;
}

/// <summary>The outcome of a script task: its completion value and the variables it set.</summary>
public sealed record ScriptOutcome(JsonElement? Result, ImmutableDictionary<string, JsonElement> VariablesSet);

/// <summary>STUB: replaced by the expressions implementation.</summary>
public sealed class ExpressionEvaluator(ExpressionLimits? limits = null)
{
    public ExpressionLimits Limits { get; } = limits ?? new ExpressionLimits();

    public static bool IsExpression(string text) => text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal);

    /// <summary>
    /// Literal text comes back as a JSON string; a lone <c>${expr}</c> as the expression's value
    /// (any JSON type); text mixing literals and <c>${...}</c> as the interpolated string.
    /// <paramref name="now"/> is what <c>new Date()</c> and <c>Date.now()</c> see.
    /// </summary>
    public JsonElement Evaluate(string expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>A sequence-flow condition: must yield a boolean.</summary>
    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>A script task body (JavaScript); <c>execution.setVariable</c> sets variables.</summary>
    public ScriptOutcome RunScript(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now) =>
        throw new NotImplementedException();

    public static string? CheckSyntax(string expression) => null;
}
