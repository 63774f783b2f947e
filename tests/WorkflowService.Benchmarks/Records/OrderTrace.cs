using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Records;

/// <summary>
/// <c>records --sql</c>: where one order's time goes. Listens to EF Core's diagnostic events (every context's, the
/// AfterSales contexts' too, which have no logger of their own) and prints, for one order opened after a warm-up, each
/// context set-up, connection, transaction and command with its offset from the call's start and its duration; the gaps
/// are the CPU between them (context set-up, the engine, JSON). Then the same for a bare start, and the sums over many.
/// </summary>
internal sealed class OrderTrace : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<(long At, string What)> _events = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private volatile bool _on;

    private OrderTrace() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Subscribe before the host starts, so EF Core's first contexts already see a listener.</summary>
    public static OrderTrace Listen() => new();

    public async Task RunAsync(BenchHost host, List<LoadedCustomer> customers, Action<string> log)
    {
        var desk = host.Get<WorkOrderDesk>();
        var work = new RepairWork(host);
        var next = 0;
        Task Open()
        {
            var customer = customers[next++ % customers.Count];
            return desk.OpenAsync(RepairWork.DeskAgent, new OpenOrderRequest("repair", customer.Id, [customer.Serial], 1, null, null, null));
        }
        Task Bare() => work.StartAsync($"bare-{Guid.NewGuid():N}");
        await PartsAsync(host, customers[0], log);
        foreach (var (name, operation) in new (string, Func<Task>)[] { ("open a repair order", Open), ("bare repair start", Bare) })
        {
            for (var i = 0; i < 2_000; i++) await operation();
            await TraceOneAsync(name, operation, log);
            await SumAsync(name, operation, 1_000, log);
        }
    }

    private static readonly Func<AfterSalesDbContext, Guid, Task<CustomerRecord?>> CustomerWithContacts =
        EF.CompileAsyncQuery((AfterSalesDbContext a, Guid id) => a.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefault(c => c.Id == id));

    /// <summary>The reads an order makes before its transaction, one layer more at a time, each timed over many runs.</summary>
    private static async Task PartsAsync(BenchHost host, LoadedCustomer customer, Action<string> log)
    {
        var dbFactory = host.Get<WorkflowDbFactory>();
        var serials = new List<string> { customer.Serial };
        var parts = new (string Name, Func<Task> Run)[]
        {
            ("Runtime context: create, open, dispose", async () =>
            {
                await using var db = dbFactory.Create();
                await db.Database.OpenConnectionAsync();
            }),
            ("+ AfterSalesDbContext.OverAsync, dispose", async () =>
            {
                await using var db = dbFactory.Create();
                await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
                _ = a.Model;
            }),
            ("+ a context over it as before (options built per context), dispose", async () =>
            {
                await using var db = dbFactory.Create();
                await db.Database.OpenConnectionAsync();
                await using var a = new SqliteAfterSalesDbContext(new DbContextOptionsBuilder<SqliteAfterSalesDbContext>()
                    .UseSqlite(db.Database.GetDbConnection(), s => s.MigrationsHistoryTable(AfterSalesDbContext.MigrationsHistoryTable)).Options);
                _ = a.Model;
            }),
            ("+ the customer with Include(Contacts)", async () =>
            {
                await using var db = dbFactory.Create();
                await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
                await a.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customer.Id);
            }),
            ("+ the customer, compiled query", async () =>
            {
                await using var db = dbFactory.Create();
                await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
                await CustomerWithContacts(a, customer.Id);
            }),
            ("+ the customer without Include", async () =>
            {
                await using var db = dbFactory.Create();
                await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
                await a.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customer.Id);
            }),
            ("+ the devices by serial", async () =>
            {
                await using var db = dbFactory.Create();
                await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
                await a.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customer.Id);
                await a.Devices.AsNoTracking().Where(d => serials.Contains(d.Serial)).ToListAsync();
            }),
        };
        // Interleaved, so that the machine's load (other builds) weighs on every part alike.
        var spent = new double[parts.Length];
        for (var i = 0; i < 4_000; i++)
            for (var p = 0; p < parts.Length; p++)
            {
                var started = Stopwatch.GetTimestamp();
                await parts[p].Run();
                if (i >= 1_000) spent[p] += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        for (var p = 0; p < parts.Length; p++) log($"part: {parts[p].Name}: {spent[p] / 3_000:0.000} ms");
    }

    private async Task TraceOneAsync(string name, Func<Task> operation, Action<string> log)
    {
        _events.Clear();
        var started = Stopwatch.GetTimestamp();
        _on = true;
        await operation();
        _on = false;
        var total = Stopwatch.GetElapsedTime(started);
        log($"===== one {name}: {total.TotalMilliseconds:0.000} ms =====");
        foreach (var (at, what) in _events)
            Console.WriteLine($"  +{Stopwatch.GetElapsedTime(started, at).TotalMilliseconds,7:0.000} ms  {what}");
    }

    /// <summary>Many operations in sequence: the time in commands against the whole, and the count of each kind of event.</summary>
    private async Task SumAsync(string name, Func<Task> operation, int count, Action<string> log)
    {
        _events.Clear();
        var started = Stopwatch.GetTimestamp();
        _on = true;
        for (var i = 0; i < count; i++) await operation();
        _on = false;
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds / count;
        var events = _events.ToList();
        var inCommands = events.Select(e => e.What).Where(w => w.StartsWith("command ", StringComparison.Ordinal))
            .Sum(w => double.Parse(w.Split(' ')[1], CultureInfo.InvariantCulture)) / count;
        log($"===== {count} x {name}: {total:0.000} ms each, of which {inCommands:0.000} ms in commands =====");
        foreach (var kind in events.GroupBy(e => e.What.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {kind.Key}: {kind.Count() / (double)count:0.0} per operation");
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!_on) return;
        var what = value.Value switch
        {
            CommandExecutedEventData c => $"command {c.Duration.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture)} ms: " +
                                          Flat(c.Command.CommandText),
            ContextInitializedEventData c => $"context {c.Context.GetType().Name} initialized",
            ConnectionEndEventData c when value.Key == RelationalEventId.ConnectionOpened.Name =>
                $"connection opened ({c.Duration.TotalMilliseconds:0.000} ms) by {c.Context?.GetType().Name}",
            TransactionEndEventData c => $"transaction {value.Key.Split('.')[^1]} ({c.Duration.TotalMilliseconds:0.000} ms)",
            TransactionEventData c when value.Key == RelationalEventId.TransactionUsed.Name => $"transaction used by {c.Context?.GetType().Name}",
            _ => null,
        };
        if (what is not null) _events.Enqueue((Stopwatch.GetTimestamp(), what));
    }

    private static string Flat(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length > 160 ? flat[..160] + "…" : flat;
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
