using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>A command EF Core sent: its SQL, a copy of its parameters, and how long it took.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value, System.Data.DbType Type)> Parameters, double Ms);

/// <summary>
/// Listens to EF Core's diagnostic events (every context's, the AfterSales contexts' too) while switched on, and keeps
/// each executed command: what a report sends, to time query by query and to ask the database for its plans.
/// </summary>
internal sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private volatile bool _on;

    /// <summary>Subscribe before the host starts, so EF Core's first contexts already see a listener.</summary>
    public CommandCapture() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The commands <paramref name="operation"/> sent, in order.</summary>
    public async Task<List<CapturedCommand>> DuringAsync(Func<Task> operation)
    {
        _commands.Clear();
        _on = true;
        try
        {
            await operation();
        }
        finally
        {
            _on = false;
        }
        return [.. _commands];
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!_on || value.Value is not CommandExecutedEventData c) return;
        var parameters = c.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.DbType)).ToList();
        _commands.Enqueue(new CapturedCommand(c.Command.CommandText, parameters, c.Duration.TotalMilliseconds));
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
