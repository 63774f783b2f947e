using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowService.Engine.Expressions;

/// <summary>
/// One isolated run: a fresh Jint engine, so nothing a script does to globals or built-in
/// prototypes can reach another run. Reusing engines would be faster (about 0.3 µs instead of a
/// few µs) but Jint's global snapshots do not undo prototype changes such as
/// <c>Object.prototype.x = 1</c>; isolation is the contract, speed comes from cached parsing
/// and from not needing a sandbox at all for the common expressions (<see cref="PureExpression"/>).
/// </summary>
internal sealed class JintSandbox : IDisposable
{
    /// <summary>
    /// Globals that read as undefined in every engine. Binary buffers and typed arrays allocate in one step,
    /// outside Jint's memory accounting; weak references and finalization depend on the garbage
    /// collector; proxies run script inside host operations such as reading the result; a
    /// ShadowRealm is a second set of intrinsics without the hardening below.
    /// </summary>
    private static readonly string[] HiddenGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array",
        "BigInt64Array", "BigUint64Array", "WeakRef", "FinalizationRegistry", "ShadowRealm", "Proxy",
    ];

    /// <summary>Names a variable cannot take as a global: built-ins win, so helpers and scripts can rely on them.</summary>
    private static readonly FrozenSet<string> ReservedGlobals = BuildReservedGlobals();

    private static readonly DefaultTimeSystem UtcCalendar = new(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

    private readonly Jint.Engine _engine;
    private readonly ExpressionLimits _limits;
    private readonly IReadOnlyDictionary<string, JsonElement> _variables;
    private readonly Dictionary<string, JsonElement>? _variablesSet;

    /// <param name="allowSetVariable">Scripts may set variables; expressions only read them.</param>
    public JintSandbox(ExpressionLimits limits, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now,
        bool allowSetVariable)
    {
        _limits = limits;
        _variables = variables;
        _variablesSet = allowSetVariable ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : null;

        var options = new Options
        {
            Culture = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            TimeSystem = new FixedClock(now),
        };
        options.TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursionDepth)
            .DisableStringCompilation();
        // A native stack overflow would kill the process; with the guard it is a catchable RangeError.
        options.Constraints.StackOverflowGuard = true;
        options.Constraints.RegexTimeout = limits.Timeout;
        _engine = new Jint.Engine(options);

        var advanced = _engine.Advanced;
        foreach (var name in HiddenGlobals) advanced.AddLazyGlobal(name, static _ => JsValue.Undefined, PropertyFlag.Configurable);
        // In name order: a variable map's own order depends on string hashing, which differs per
        // process, and a script enumerating globalThis must see the same order every run.
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (IsGlobalName(name))
                advanced.AddLazyGlobal(name, value, static (engine, json) => JsonJsConversion.ToJs(engine, json), PropertyFlag.ConfigurableEnumerableWritable);
        }
        advanced.AddLazyGlobal("execution", this, static (engine, sandbox) => sandbox.CreateExecution(engine), PropertyFlag.Configurable);
        advanced.AddLazyGlobal(JuelTranslator.EmptyHelper, static engine => new ClrFunction(engine, "empty", static (_, args) => IsEmpty(Argument(args, 0))), PropertyFlag.Configurable);
        Harden();
    }

    /// <summary>Whether a variable of this name is visible as a bare global (others: <c>execution.getVariable</c>).</summary>
    public static bool IsGlobalName(string name) => JsLexer.IsPlainIdentifier(name) && !ReservedGlobals.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a global of every sandbox (a built-in, a hidden one, <c>execution</c>, the JUEL helper).</summary>
    public static bool IsReservedGlobal(string name) => ReservedGlobals.Contains(name);

    public ImmutableDictionary<string, JsonElement> VariablesSet =>
        _variablesSet is null ? ImmutableDictionary<string, JsonElement>.Empty : _variablesSet.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Runs a prepared program; the allocation check at the end also catches a last statement that overran.</summary>
    public JsValue Run(in Prepared<Script> program)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = _engine.Evaluate(program);
        if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MaxMemoryBytes)
            throw new MemoryLimitExceededException("allocated past the limit in the last statement");
        return result;
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>
    /// <c>Math.random</c> throws (the engine is deterministic), and <c>String.prototype.repeat</c>
    /// refuses a result larger than the memory limit before allocating it: it is the one string
    /// built-in that allocates in a single step.
    /// </summary>
    private void Harden()
    {
        var math = (ObjectInstance)_engine.Global.Get("Math");
        math.FastSetDataProperty("random", new ClrFunction(_engine, "random", (_, _) =>
            throw new JavaScriptException(_engine.Intrinsics.Error, "Math.random() is not available: workflow expressions must give the same result every time they run")));

        var stringPrototype = (ObjectInstance)_engine.Global.Get("String").Get("prototype");
        var repeat = stringPrototype.Get("repeat");
        stringPrototype.FastSetDataProperty("repeat", new ClrFunction(_engine, "repeat", (thisObject, args) =>
        {
            if (thisObject.IsNull() || thisObject.IsUndefined()) return repeat.Call(thisObject, args);
            var text = TypeConverter.ToString(thisObject);
            var count = TypeConverter.ToNumber(Argument(args, 0));
            if (double.IsFinite(count) && count * text.Length * sizeof(char) > _limits.MaxMemoryBytes)
                throw new MemoryLimitExceededException("String.prototype.repeat past the limit");
            return repeat.Call(JsString.Create(text), args);
        }, 1));
    }

    private JsObject CreateExecution(Jint.Engine engine)
    {
        var execution = new JsObject(engine);
        execution.FastSetDataProperty("getVariable", new ClrFunction(engine, "getVariable", (_, args) =>
            TryGetVariable(VariableName(args, "getVariable"), out var value) ? JsonJsConversion.ToJs(engine, value) : JsValue.Null, 1));
        execution.FastSetDataProperty("hasVariable", new ClrFunction(engine, "hasVariable", (_, args) =>
            TryGetVariable(VariableName(args, "hasVariable"), out JsonElement _) ? JsBoolean.True : JsBoolean.False, 1));
        execution.FastSetDataProperty("setVariable", new ClrFunction(engine, "setVariable", (_, args) =>
        {
            var name = VariableName(args, "setVariable");
            if (_variablesSet is null)
                throw new JavaScriptException(engine.Intrinsics.Error, "execution.setVariable is only available in script tasks; an expression cannot change variables");
            try
            {
                _variablesSet[name] = JsonJsConversion.ToJson(Argument(args, 1), _limits.MaxMemoryBytes);
            }
            catch (JsonConversionException e)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"execution.setVariable('{name}', ...) was given {e.Message}");
            }
            return JsValue.Undefined;
        }, 2));
        return execution;
    }

    private bool TryGetVariable(string name, out JsonElement value) =>
        _variablesSet is not null && _variablesSet.TryGetValue(name, out value) || _variables.TryGetValue(name, out value);

    private string VariableName(JsValue[] args, string function)
    {
        var name = Argument(args, 0);
        if (!name.IsString() || name.AsString().Length == 0)
            throw new JavaScriptException(_engine.Intrinsics.TypeError, $"execution.{function} expects a variable name (a non-empty string)");
        return name.AsString();
    }

    private static JsValue Argument(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    /// <summary>JUEL's <c>empty</c>: null, undefined, <c>''</c>, an empty array or an object without enumerable keys.</summary>
    private static JsBoolean IsEmpty(JsValue value)
    {
        var empty = value.IsNull() || value.IsUndefined()
            || value.IsString() && value.AsString().Length == 0
            || value.IsArray() && TypeConverter.ToLength(value.AsObject().Get("length")) == 0
            || value is ObjectInstance obj && !value.IsArray() && !value.IsCallable() && !HasEnumerableKey(obj);
        return empty ? JsBoolean.True : JsBoolean.False;
    }

    private static bool HasEnumerableKey(ObjectInstance obj)
    {
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            if (obj.GetOwnProperty(key).Enumerable) return true;
        return false;
    }

    private static FrozenSet<string> BuildReservedGlobals()
    {
        using var probe = new Jint.Engine();
        return probe.Global.GetOwnPropertyKeys(Types.String).Select(k => k.ToString())
            .Concat(HiddenGlobals).Append("execution").Append(JuelTranslator.EmptyHelper)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary><c>new Date()</c> and <c>Date.now()</c> see the event's time; dates are read and shown in UTC.</summary>
    private sealed class FixedClock(DateTimeOffset now) : ITimeSystem
    {
        public DateTimeOffset GetUtcNow() => now.ToUniversalTime();
        public TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;
        public bool TryParse(string date, out long epochMilliseconds) => UtcCalendar.TryParse(date, out epochMilliseconds);
        public TimeSpan GetUtcOffset(long epochMilliseconds) => TimeSpan.Zero;
    }
}
