using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace WorkflowService.Engine.Expressions;

/// <summary>
/// Turns whatever a run throws into an <see cref="ExpressionException"/> whose message a process
/// owner can act on. Jint and Acornima exception types never leave the evaluator, not even as
/// inner exceptions; other exceptions are kept as inner ones for the logs.
/// </summary>
internal static partial class ExpressionErrors
{
    /// <param name="text">The expression or script as written.</param>
    /// <param name="isScript">Scripts are named "the script" and errors carry their line.</param>
    public static ExpressionException FromRun(Exception e, string text, bool isScript, ExpressionLimits limits)
    {
        if (e is ExpressionException known) return known;
        var subject = isScript ? "the script" : ExpressionText.Quote(text);
        var where = isScript && e is JavaScriptException located && LineOf(located) > 0 ? $" at line {LineOf(located)}" : "";
        var message = e switch
        {
            StatementsCountOverflowException => $"{subject} ran longer than the {ExpressionText.Count(limits.MaxStatements)}-statement limit",
            TimeoutException or RegexMatchTimeoutException or ExecutionCanceledException or OperationCanceledException =>
                $"{subject} ran longer than the {ExpressionText.Milliseconds(limits.Timeout)} limit",
            RecursionDepthOverflowException or InsufficientExecutionStackException => RecursionMessage(subject, limits),
            // OutOfMemoryException: one built-in call (replaceAll, padEnd...) asked for more than the
            // process could give at once; the allocation failed, so nothing is left behind.
            MemoryLimitExceededException or OutOfMemoryException => $"{subject} used more than {ExpressionText.Bytes(limits.MaxMemoryBytes)}",
            JsonConversionException conversion => $"{subject} yielded {conversion.Message}",
            JavaScriptException script => FromJavaScript(script, subject, where, limits),
            InvalidOperationException when e.Message.Contains("Module loading", StringComparison.Ordinal) =>
                $"{subject} cannot import modules: workflow scripts run on their own",
            _ => $"{subject} failed{where}: {e.Message}",
        };
        // Our own internal types say nothing the message does not; the engine's must not leak.
        var assembly = e.GetType().Assembly;
        var keepInner = assembly != typeof(Jint.Engine).Assembly && assembly != typeof(Acornima.Parser).Assembly
            && assembly != typeof(ExpressionErrors).Assembly;
        return new ExpressionException(text, message, keepInner ? e : null);
    }

    public static string NotABoolean(string text, JsValue value) =>
        $"condition {ExpressionText.Quote(text)} yielded {JsonJsConversion.Describe(value)}, not a boolean";

    private static int LineOf(JavaScriptException e) => e.Location.Start.Line;

    private static string RecursionMessage(string subject, ExpressionLimits limits) =>
        $"{subject} exceeded the recursion limit of {limits.MaxRecursionDepth}";

    private static string FromJavaScript(JavaScriptException e, string subject, string where, ExpressionLimits limits)
    {
        var name = e.Error is ObjectInstance error ? DataProperty(error, "name") : null;
        if (name == "ReferenceError" && NotDefined().Match(e.Message) is { Success: true } match)
            return $"variable '{match.Groups[1].Value}' is not defined in {subject}{where}";
        if (name == "RangeError" && e.Message.Contains("call stack", StringComparison.OrdinalIgnoreCase))
            return RecursionMessage(subject, limits);
        if (e.Message.Contains("String compilation has been disabled", StringComparison.Ordinal))
            return $"{subject} failed{where}: eval and new Function are not available (code cannot be built from strings)";
        return $"{subject} failed{where}: {e.Message}";
    }

    /// <summary>
    /// Reads a property without calling getters: the run is over and its limits no longer apply,
    /// so no script may execute here.
    /// </summary>
    private static string? DataProperty(ObjectInstance obj, string key)
    {
        for (var (current, depth) = (obj, 0); current is not null && depth < 16; current = current.Prototype, depth++)
        {
            var descriptor = current.GetOwnProperty(key);
            if (descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined) continue;
            return descriptor.IsDataDescriptor() && descriptor.Value is { } value && value.IsString() ? value.AsString() : null;
        }
        return null;
    }

    [GeneratedRegex(@"^(\S+) is not defined$")]
    private static partial Regex NotDefined();
}
