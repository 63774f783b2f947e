using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// Counts the SQL commands EF Core executes in this process, by kind ("SELECT tasks", "UPDATE timers"...), through EF Core's
/// DiagnosticListener, so no service has to be composed differently. Commands sent on a bare ADO.NET command (the history's
/// multi-row INSERT, <c>HistoryRows</c>) and BEGIN/COMMIT are not EF Core commands and are not counted.
/// </summary>
internal sealed partial class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _counting;

    public CommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Counts from now on, from zero.</summary>
    public void Restart()
    {
        _byKind.Clear();
        _counting = true;
    }

    /// <summary>Stops counting and returns the counts by kind.</summary>
    public IReadOnlyDictionary<string, int> Stop()
    {
        _counting = false;
        return new Dictionary<string, int>(_byKind, StringComparer.Ordinal);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (_counting && value.Value is CommandExecutedEventData executed)
            _byKind.AddOrUpdate(KindOf(executed.Command.CommandText), 1, (_, n) => n + 1);
    }

    /// <summary>
    /// The statement's verb and its table, e.g. <c>SELECT tasks</c>: the first one named outside parentheses, so a subquery
    /// in a select list (the task's instance's definition) does not name the statement.
    /// </summary>
    internal static string KindOf(string sql)
    {
        var verb = sql.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
        for (var outer = Parenthesized().Replace(sql, "[]"); outer != sql; outer = Parenthesized().Replace(sql, "[]")) sql = outer;
        var table = FirstTable().Match(sql);
        return table.Success ? $"{verb} {table.Groups[1].Value}" : verb;
    }

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"(?:FROM|INTO|UPDATE)\s+""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex FirstTable();

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
