using System.Collections.Concurrent;

namespace WorkflowService.Engine.Expressions;

/// <summary>
/// Compiled texts by their exact text, per evaluator (never static: two evaluators with different
/// settings share nothing). Bounded by clearing when full: a deployment's working set of
/// expressions is far below the capacity, so a full cache means texts are being generated, and
/// dropping them all is as good as any eviction and keeps the hit path lock-free.
/// </summary>
internal sealed class CompilationCache<T>(int capacity, Func<string, T> compile)
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);

    public T Get(string text)
    {
        if (_entries.TryGetValue(text, out var compiled)) return compiled;
        compiled = compile(text);
        if (_entries.Count >= capacity) _entries.Clear();
        return _entries.GetOrAdd(text, compiled);
    }

    public int Count => _entries.Count;
}
