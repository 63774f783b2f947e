using System.Text;
using System.Text.Json;
using Jint;

namespace WorkflowService.Engine.Expressions;

/// <summary>
/// Evaluates the JavaScript in gateway conditions, timer texts, assignees, email fields and
/// script tasks. Every run is isolated (a fresh Jint engine), bounded by <see cref="Limits"/>,
/// deterministic (<c>new Date()</c> is the event's time, <c>Math.random</c> refuses) and has no
/// access to the CLR. Parsing is cached per instance, so an instance should live as long as the
/// process models it serves. Thread-safe. Expressions in <see cref="PureExpression"/>'s small
/// subset (comparisons, arithmetic, property reads, <c>typeof</c>, <c>?:</c>…) are computed
/// without an engine when their operands make the result certain, with the result Jint would give;
/// anything else, and every error, goes through the sandbox.
/// <para>
/// Variables appear as JavaScript globals when their name is a plain identifier that does not
/// shadow a built-in (<c>Math</c>, <c>Date</c>, …) or <c>execution</c>; every variable is
/// reachable with <c>execution.getVariable(name)</c>. Expressions accept Camunda's <c>${...}</c>
/// and <c>#{...}</c> wrappers and the JUEL words of <see cref="JuelTranslator"/>; scripts are
/// plain JavaScript.
/// </para>
/// </summary>
public sealed class ExpressionEvaluator
{
    private const int DefaultCacheCapacity = 4096;

    private readonly CompilationCache<CompiledTemplate> _templates;
    private readonly CompilationCache<CompiledScript> _scripts;
    private readonly int _maxPureTextLength;

    public ExpressionEvaluator(ExpressionLimits? limits = null)
        : this(limits, DefaultCacheCapacity)
    {
    }

    /// <param name="cacheCapacity">Compiled texts kept per kind (expressions, scripts).</param>
    internal ExpressionEvaluator(ExpressionLimits? limits, int cacheCapacity)
    {
        Limits = limits ?? new ExpressionLimits();
        // Joining longer text is left to Jint, whose memory limit then applies as before.
        _maxPureTextLength = (int)Math.Clamp(Limits.MaxMemoryBytes / 16, 0, 64 * 1024);
        _templates = new(cacheCapacity, text => ExpressionCompiler.CompileTemplate(text, prepare: true));
        _scripts = new(cacheCapacity, text => ExpressionCompiler.CompileScript(text, prepare: true));
    }

    public ExpressionLimits Limits { get; }

    /// <summary>How many compiled texts are cached (for tests of the cache's bound).</summary>
    internal int CachedTexts => _templates.Count + _scripts.Count;

    /// <summary>
    /// Whether expressions in <see cref="PureExpression"/>'s subset are computed without an engine
    /// (off only for the tests that compare both ways).
    /// </summary>
    internal bool ComputesWithoutEngine { get; init; } = true;

    /// <summary>
    /// Sees the way each <c>${...}</c> of an evaluated text was computed, with the text (for tests
    /// and measurements; null, and free, in production).
    /// </summary>
    internal Action<string, EvaluationRoute>? RouteObserved { get; set; }

    public static bool IsExpression(string text) => text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal);

    /// <summary>
    /// Literal text comes back as a JSON string; a lone <c>${expr}</c> as the expression's value
    /// (any JSON type); text mixing literals and <c>${...}</c> as the interpolated string.
    /// <paramref name="now"/> is what <c>new Date()</c> and <c>Date.now()</c> see.
    /// </summary>
    /// <remarks>
    /// Values are JSON: integral numbers are written as integers, dates as ISO 8601 strings,
    /// undefined as null; NaN and Infinity are errors. In interpolated text null and undefined
    /// read as empty text (as in JUEL) and objects and arrays as JSON. A lone variable or property
    /// path (<c>${order.customer}</c>) is read without running JavaScript and comes back exactly
    /// as stored; other expressions come back as Jint would give them, however computed.
    /// </remarks>
    /// <exception cref="ExpressionException">Syntax errors, failures, limits, unrepresentable values.</exception>
    public JsonElement Evaluate(string expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        var template = Compile(expression);
        if (template.LiteralValue is { } literal) return literal;
        if (template.Lone is { } lone)
        {
            if (TryReadPath(lone, variables, out var stored))
            {
                RouteObserved?.Invoke(expression, EvaluationRoute.StoredPath);
                return stored;
            }
            if (TryPure(lone, variables, out var computed) && computed.TryToJson(out var json))
            {
                RouteObserved?.Invoke(expression, EvaluationRoute.Pure);
                return json;
            }
        }

        JintSandbox? sandbox = null;
        try
        {
            if (template.Lone is { } part)
            {
                RouteObserved?.Invoke(expression, EvaluationRoute.Jint);
                sandbox = new JintSandbox(Limits, variables, now, allowSetVariable: false);
                return JsonJsConversion.ToJson(sandbox.Run(part.Program), Limits.MaxMemoryBytes);
            }

            var text = new StringBuilder();
            foreach (var piece in template.Parts)
            {
                if (piece is LiteralPart literalPart)
                {
                    text.Append(literalPart.Text);
                    continue;
                }
                var expressionPart = (ExpressionPart)piece;
                if (TryReadPath(expressionPart, variables, out var value))
                {
                    RouteObserved?.Invoke(expression, EvaluationRoute.StoredPath);
                    text.Append(JsonJsConversion.ToText(value));
                }
                // Once a part ran in the sandbox it may have changed globals (units = 1) that later parts read there.
                else if (sandbox is null && TryPure(expressionPart, variables, out var computed)
                         && computed.TryToInterpolatedText(out var computedText))
                {
                    RouteObserved?.Invoke(expression, EvaluationRoute.Pure);
                    text.Append(computedText);
                }
                else
                {
                    RouteObserved?.Invoke(expression, EvaluationRoute.Jint);
                    sandbox ??= new JintSandbox(Limits, variables, now, allowSetVariable: false);
                    text.Append(JsonJsConversion.ToText(sandbox.Run(expressionPart.Program), Limits.MaxMemoryBytes));
                }
            }
            return JsonSerializer.SerializeToElement(text.ToString());
        }
        catch (Exception e)
        {
            throw ExpressionErrors.FromRun(e, expression, isScript: false, Limits);
        }
        finally
        {
            sandbox?.Dispose();
        }
    }

    /// <summary>A sequence-flow condition: must yield a boolean (no truthiness: <c>'false'</c> is an error, not true).</summary>
    /// <exception cref="ExpressionException">As <see cref="Evaluate"/>, and for any non-boolean result.</exception>
    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        var template = Compile(expression);
        if (string.IsNullOrWhiteSpace(expression))
            throw new ExpressionException(expression, "the condition is empty; write it as ${...}, e.g. ${approved}");
        if (template.Literal is not null)
            throw new ExpressionException(expression,
                $"condition {ExpressionText.Quote(expression)} is plain text, not an expression; write it as ${{{expression.Trim()}}}");
        if (template.Lone is not { } part)
        {
            var text = Evaluate(expression, variables, now).GetString()!;
            throw new ExpressionException(expression, ExpressionErrors.NotABoolean(expression, Jint.Native.JsString.Create(text)));
        }
        if (TryReadPath(part, variables, out var stored) && stored.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            RouteObserved?.Invoke(expression, EvaluationRoute.StoredPath);
            return stored.GetBoolean();
        }
        if (TryPure(part, variables, out var pure) && pure.Kind == PureKind.Boolean)
        {
            RouteObserved?.Invoke(expression, EvaluationRoute.Pure);
            return pure.Boolean;
        }

        RouteObserved?.Invoke(expression, EvaluationRoute.Jint);
        try
        {
            using var sandbox = new JintSandbox(Limits, variables, now, allowSetVariable: false);
            var value = sandbox.Run(part.Program);
            if (value.IsBoolean()) return value.AsBoolean();
            throw new ExpressionException(expression, ExpressionErrors.NotABoolean(expression, value));
        }
        catch (Exception e)
        {
            throw ExpressionErrors.FromRun(e, expression, isScript: false, Limits);
        }
    }

    /// <summary>
    /// A script task body (JavaScript); <c>execution.setVariable</c> sets variables. Top-level
    /// declarations (<c>var x = 1</c>) stay in the script.
    /// </summary>
    /// <exception cref="ExpressionException">Syntax errors (with line and column), failures (with line), limits.</exception>
    public ScriptOutcome RunScript(string script, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = _scripts.Get(script);
        if (compiled.Error is { } error) throw new ExpressionException(script, error);
        try
        {
            using var sandbox = new JintSandbox(Limits, variables, now, allowSetVariable: true);
            var completion = sandbox.Run(compiled.Program);
            JsonElement? result = completion.IsUndefined() ? null : JsonJsConversion.ToJson(completion, Limits.MaxMemoryBytes);
            return new ScriptOutcome(result, sandbox.VariablesSet);
        }
        catch (Exception e)
        {
            throw ExpressionErrors.FromRun(e, script, isScript: true, Limits);
        }
    }

    /// <summary>Deploy-time check of a text (literal, <c>${...}</c> or mixed); null when valid. Runs nothing.</summary>
    public static string? CheckSyntax(string expression) =>
        ExpressionCompiler.CompileTemplate(expression ?? throw new ArgumentNullException(nameof(expression)), prepare: false).Error;

    /// <summary>Deploy-time check of a script task body; null when valid. Runs nothing.</summary>
    public static string? CheckScriptSyntax(string script) =>
        ExpressionCompiler.CompileScript(script ?? throw new ArgumentNullException(nameof(script)), prepare: false).Error;

    private CompiledTemplate Compile(string expression)
    {
        var template = _templates.Get(expression);
        return template.Error is { } error ? throw new ExpressionException(expression, error) : template;
    }

    /// <summary>
    /// Computes an expression of <see cref="PureExpression"/>'s subset without Jint; false when it
    /// is outside the subset or JavaScript might disagree for these values (then Jint runs it).
    /// </summary>
    private bool TryPure(ExpressionPart part, IReadOnlyDictionary<string, JsonElement> variables, out PureValue value)
    {
        value = default;
        if (part.Pure is not { } pure || !ComputesWithoutEngine) return false;
        try
        {
            return pure.TryEvaluate(new PureScope(variables, _maxPureTextLength), out value);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            // A stored value JSON cannot read back (an unpaired surrogate...): Jint reports it as it always has.
            return false;
        }
    }

    /// <summary>
    /// Reads <c>${name}</c> or <c>${a.b.c}</c> straight from the variables when JavaScript would
    /// find the same value; anything else (missing names, non-objects on the way, shadowed
    /// built-ins) goes through Jint so errors and semantics stay the same.
    /// </summary>
    private static bool TryReadPath(ExpressionPart part, IReadOnlyDictionary<string, JsonElement> variables, out JsonElement value)
    {
        value = default;
        if (part.Path.IsEmpty || !JintSandbox.IsGlobalName(part.Path[0]) || !variables.TryGetValue(part.Path[0], out value))
            return false;
        for (var i = 1; i < part.Path.Length; i++)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part.Path[i], out value)) return false;
        }
        return true;
    }
}
