using System.Collections.Frozen;
using System.Text.Json;
using Acornima;
using Acornima.Ast;

namespace WorkflowService.Engine.Expressions;

/// <summary>What a <see cref="PureExpression"/> reads: the variables, and the longest text it may build.</summary>
internal readonly record struct PureScope(IReadOnlyDictionary<string, JsonElement> Variables, int MaxTextLength);

/// <summary>
/// A small closed subset of JavaScript computed without an engine: literals, variable and
/// property reads, <c>typeof</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>, <c>?:</c>,
/// comparisons, arithmetic and string concatenation, and JUEL's <c>empty</c>. A fresh Jint sandbox
/// costs tens of microseconds; most conditions and due dates need none of it.
/// <para>
/// Each operation is taken only where JavaScript's semantics are trivially the same (both operands
/// numbers, or both strings, …); everything else — a missing variable, a method call, an object
/// compared or converted, NaN as a result, an unknown node — makes <see cref="TryEvaluate"/> return
/// false and the caller runs the expression in Jint exactly as before, so results and errors stay
/// Jint's. Nothing here calls into user code, touches a prototype, allocates past the text bound or
/// loops: isolation holds because there is no engine to pollute.
/// </para>
/// </summary>
internal abstract record PureExpression
{
    /// <summary>Deeper expressions are left to Jint: the evaluation here recurses once per level.</summary>
    private const int MaxDepth = 32;

    /// <summary>Properties every object inherits: a name missing from a variable but found here is not undefined.</summary>
    private static readonly FrozenSet<string> ObjectPrototypeNames = BuildObjectPrototypeNames();

    /// <summary>Closed: the cases below are the whole subset.</summary>
    private PureExpression()
    {
    }

    /// <summary>Computes the value, or returns false when JavaScript might disagree (then Jint decides).</summary>
    public abstract bool TryEvaluate(in PureScope scope, out PureValue value);

    /// <summary>The expression in the subset, or null; decided once per compiled text.</summary>
    public static PureExpression? Compile(Expression expression) => Compile(expression, 0);

    private static PureExpression? Compile(Expression node, int depth)
    {
        if (depth > MaxDepth) return null;
        var next = depth + 1;
        return node switch
        {
            NumericLiteral number => new Constant(PureValue.Of(number.Value)),
            StringLiteral text => new Constant(PureValue.Of(text.Value)),
            BooleanLiteral boolean => new Constant(PureValue.Of(boolean.Value)),
            NullLiteral => new Constant(PureValue.Null),
            Identifier identifier => CompileName(identifier.Name),
            MemberExpression { Optional: false, Computed: false, Property: Identifier name } member =>
                Compile(member.Object, next) is { } target ? new Member(target, name.Name, null) : null,
            MemberExpression { Optional: false, Computed: true } member =>
                Compile(member.Object, next) is { } target && Compile(member.Property, next) is { } key ? new Member(target, null, key) : null,
            UnaryExpression { Operator: Operator.TypeOf, Argument: Identifier identifier } => new TypeOfName(identifier.Name),
            UnaryExpression { Operator: Operator.LogicalNot or Operator.UnaryNegation or Operator.UnaryPlus or Operator.TypeOf } unary =>
                Compile(unary.Argument, next) is { } operand ? new Unary(unary.Operator, operand) : null,
            LogicalExpression logical =>
                Compile(logical.Left, next) is { } left && Compile(logical.Right, next) is { } right ? new Logical(logical.Operator, left, right) : null,
            BinaryExpression binary when PureOperators.IsSupported(binary.Operator) =>
                Compile(binary.Left, next) is { } left && Compile(binary.Right, next) is { } right ? new Binary(binary.Operator, left, right) : null,
            ConditionalExpression conditional =>
                Compile(conditional.Test, next) is { } test && Compile(conditional.Consequent, next) is { } then
                && Compile(conditional.Alternate, next) is { } otherwise ? new Conditional(test, then, otherwise) : null,
            CallExpression { Optional: false, Callee: Identifier { Name: JuelTranslator.EmptyHelper } } call
                when call.Arguments.Count == 1 && call.Arguments[0] is not SpreadElement =>
                Compile(call.Arguments[0], next) is { } operand ? new Empty(operand) : null,
            _ => null,
        };
    }

    private static PureExpression? CompileName(string name) => name switch
    {
        // Non-writable, non-configurable globals: no variable and no script can change them.
        "undefined" => new Constant(PureValue.Undefined),
        "NaN" => new Constant(PureValue.Of(double.NaN)),
        "Infinity" => new Constant(PureValue.Of(double.PositiveInfinity)),
        _ when JintSandbox.IsGlobalName(name) => new Variable(name),
        _ => null, // a built-in (Math, Date, execution...) or a name no variable can take
    };

    /// <summary>
    /// Whether reading <paramref name="name"/> would throw a ReferenceError in the sandbox: no
    /// visible variable, no built-in global, nothing on the global object's prototype.
    /// </summary>
    private static bool IsUnresolvable(string name, IReadOnlyDictionary<string, JsonElement> variables) =>
        JintSandbox.IsGlobalName(name) ? !variables.ContainsKey(name) && !ObjectPrototypeNames.Contains(name)
        : !JintSandbox.IsReservedGlobal(name) && !ObjectPrototypeNames.Contains(name);

    private static FrozenSet<string> BuildObjectPrototypeNames()
    {
        using var probe = new Jint.Engine();
        return probe.Intrinsics.Object.PrototypeObject.GetOwnPropertyKeys(Jint.Runtime.Types.String)
            .Select(k => k.ToString()).ToFrozenSet(StringComparer.Ordinal);
    }

    private sealed record Constant(PureValue Value) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = Value;
            return true;
        }
    }

    /// <summary>A variable visible as a global; a missing one is a ReferenceError, which Jint reports.</summary>
    private sealed record Variable(string Name) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = default;
            return scope.Variables.TryGetValue(Name, out var json) && PureValue.TryFromJson(json, out value);
        }
    }

    /// <summary><c>typeof name</c>: "undefined", not an error, when the name resolves to nothing.</summary>
    private sealed record TypeOfName(string Name) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = default;
            if (JintSandbox.IsGlobalName(Name) && scope.Variables.TryGetValue(Name, out var json))
            {
                if (!PureValue.TryFromJson(json, out var variable)) return false;
                value = PureValue.Of(variable.TypeOf);
                return true;
            }
            if (Name == "undefined")
            {
                value = PureValue.Of("undefined");
                return true;
            }
            if (!IsUnresolvable(Name, scope.Variables)) return false;
            value = PureValue.Of("undefined");
            return true;
        }
    }

    /// <summary><c>a.b</c>, <c>a['b']</c>, <c>a[0]</c>, <c>a.length</c> on variables' objects, arrays and strings.</summary>
    private sealed record Member(PureExpression Target, string? Name, PureExpression? Key) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = default;
            if (!Target.TryEvaluate(scope, out var target)) return false;
            var key = PureValue.Of(Name ?? "");
            if (Key is not null && !Key.TryEvaluate(scope, out key)) return false;
            switch (target.Kind)
            {
                case PureKind.Structure when target.Json.ValueKind == JsonValueKind.Object && key.Kind == PureKind.String:
                    if (target.Json.TryGetProperty(key.Text!, out var property)) return PureValue.TryFromJson(property, out value);
                    if (ObjectPrototypeNames.Contains(key.Text!)) return false;
                    value = PureValue.Undefined;
                    return true;
                case PureKind.Structure when target.Json.ValueKind == JsonValueKind.Array:
                    var length = target.Json.GetArrayLength();
                    if (key.Kind == PureKind.String && key.Text == "length")
                    {
                        value = PureValue.Of(length);
                        return true;
                    }
                    if (key.Kind != PureKind.Number || key.Number < 0 || key.Number != Math.Floor(key.Number)) return false;
                    value = PureValue.Undefined;
                    return key.Number >= length || PureValue.TryFromJson(target.Json[(int)key.Number], out value);
                case PureKind.String when key.Kind == PureKind.String && key.Text == "length":
                    value = PureValue.Of(target.Text!.Length);
                    return true;
                default:
                    return false;
            }
        }
    }

    private sealed record Unary(Operator Operator, PureExpression Operand) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = default;
            if (!Operand.TryEvaluate(scope, out var operand)) return false;
            switch (Operator)
            {
                case Operator.LogicalNot:
                    value = PureValue.Of(!operand.IsTruthy);
                    return true;
                case Operator.TypeOf:
                    value = PureValue.Of(operand.TypeOf);
                    return true;
                case Operator.UnaryNegation when operand.Kind == PureKind.Number:
                    value = PureValue.Of(-operand.Number);
                    return true;
                case Operator.UnaryPlus when operand.Kind == PureKind.Number:
                    value = operand;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary><c>&amp;&amp;</c>, <c>||</c>, <c>??</c>: the right side is evaluated only when JavaScript would.</summary>
    private sealed record Logical(Operator Operator, PureExpression Left, PureExpression Right) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            if (!Left.TryEvaluate(scope, out value)) return false;
            var decided = Operator switch
            {
                Operator.LogicalAnd => !value.IsTruthy,
                Operator.LogicalOr => value.IsTruthy,
                Operator.NullishCoalescing => !value.IsNullish,
                _ => throw new InvalidOperationException($"not a logical operator: {Operator}"),
            };
            return decided || Right.TryEvaluate(scope, out value);
        }
    }

    private sealed record Binary(Operator Operator, PureExpression Left, PureExpression Right) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            value = default;
            return Left.TryEvaluate(scope, out var left) && Right.TryEvaluate(scope, out var right)
                && PureOperators.TryApply(Operator, left, right, scope.MaxTextLength, out value);
        }
    }

    private sealed record Conditional(PureExpression Test, PureExpression Then, PureExpression Otherwise) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value) =>
            Test.TryEvaluate(scope, out value) && (value.IsTruthy ? Then : Otherwise).TryEvaluate(scope, out value);
    }

    /// <summary>JUEL's <c>empty</c>, as the sandbox's helper decides it for JSON values.</summary>
    private sealed record Empty(PureExpression Operand) : PureExpression
    {
        public override bool TryEvaluate(in PureScope scope, out PureValue value)
        {
            if (!Operand.TryEvaluate(scope, out value)) return false;
            value = PureValue.Of(value.Kind switch
            {
                PureKind.Undefined or PureKind.Null => true,
                PureKind.String => value.Text!.Length == 0,
                PureKind.Structure when value.Json.ValueKind == JsonValueKind.Array => value.Json.GetArrayLength() == 0,
                PureKind.Structure => !value.Json.EnumerateObject().Any(),
                _ => false,
            });
            return true;
        }
    }
}
