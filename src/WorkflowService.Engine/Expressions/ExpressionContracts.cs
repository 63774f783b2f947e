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

/// <summary>
/// The outcome of a script task: its completion value (null when the script produced no value,
/// a JSON null when it produced <c>null</c>) and the variables it set with
/// <c>execution.setVariable</c> (the last value wins when a script sets a name twice).
/// </summary>
public sealed record ScriptOutcome(JsonElement? Result, ImmutableDictionary<string, JsonElement> VariablesSet);

/// <summary>How one <c>${...}</c> was computed (see <c>ExpressionEvaluator.RouteObserved</c>).</summary>
internal enum EvaluationRoute
{
    /// <summary>A variable or property path read as stored, without JavaScript.</summary>
    StoredPath,

    /// <summary>Computed by <see cref="PureExpression"/>, without an engine.</summary>
    Pure,

    /// <summary>Run in a fresh Jint sandbox.</summary>
    Jint,
}
