using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Records;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- records</c>: the department's records at the
/// issue's size (100,000 customers, 300,000 devices) in the service in-process on a SQLite file. Measures what a
/// desk agent waits for: finding a customer by a fragment of a phone number or name (<see cref="CustomerArchive.SearchAsync"/>,
/// through the gram table, beside the scan it replaced)
/// and opening a repair order (<see cref="WorkOrderDesk.OpenAsync"/>: the order row and its process instance).
/// </summary>
internal static class RecordsSuite
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = RecordsOptions.Parse(args);
        var folder = TempFolder.Create("records-bench-");
        try
        {
            if (options.Sql) return await TraceAsync(folder, options);
            await using var load = new LoadSampler();
            var report = new RecordsReport(options) { StartedAt = DateTimeOffset.UtcNow };
            await using (var host = await BenchHost.StartAsync(folder))
                await MeasureAsync(host, options, report);
            report.FinishedAt = DateTimeOffset.UtcNow;
            report.Load = load.Describe();
            var markdown = report.ToMarkdown();
            Log($"report written to {await ReportFile.PublishAsync("records", markdown)}");
            return 0;
        }
        finally
        {
            if (options.KeepData) Log($"data kept in {folder}");
            else TempFolder.TryDelete(folder);
        }
    }

    private static async Task<int> TraceAsync(string folder, RecordsOptions options)
    {
        using var trace = OrderTrace.Listen();
        await using var host = await BenchHost.StartAsync(folder);
        var customers = await RecordsLoader.LoadAsync(host, options.Customers, options.Devices, Log);
        await trace.RunAsync(host, customers, Log);
        return 0;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static async Task MeasureAsync(BenchHost host, RecordsOptions options, RecordsReport report)
    {
        var clock = Stopwatch.StartNew();
        Log($"loading {options.Customers:N0} customers and {options.Devices:N0} devices");
        var customers = await RecordsLoader.LoadAsync(host, options.Customers, options.Devices, Log);
        report.Loading = $"{options.Customers:N0} customers, {options.Devices:N0} devices loaded in {clock.Elapsed.TotalSeconds:0.0} s";
        Log(report.Loading);

        var archive = host.Get<CustomerArchive>();
        var random = new Random(20);
        var phones = Enumerable.Range(0, options.Queries).Select(_ => random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture)).ToList();
        var names = Enumerable.Range(0, options.Queries).Select(_ => NameFragment(random, customers)).ToList();
        var scan = new ScanSearch(host.Get<WorkflowDbFactory>());
        // The load wrote the customers as an archive from before the gram table has them: the start-up backfill gives
        // them their grams, as it would on upgrading such an archive (and is timed as such).
        clock.Restart();
        var backfilled = await host.Get<SearchGramBackfill>().RunAsync();
        report.GramTable = $"start-up backfill (SearchGramBackfill) wrote the grams of {backfilled:N0} customers in {clock.Elapsed.TotalSeconds:0.0} s";
        Log(report.GramTable);
        // What every later start pays: customers without grams, and grams not under their customer's name, none found.
        clock.Restart();
        await host.Get<SearchGramBackfill>().RunAsync();
        report.GramTable += $"; a start with nothing to backfill: {clock.Elapsed.TotalMilliseconds:0} ms";
        var warmUp = Math.Max(20, options.Queries / 10);
        foreach (var (kind, queries) in new[] { ("phone", phones), ("name", names) })
        {
            await Throughput.MeasureAsync(warmUp, 1, i => archive.SearchAsync(queries[i]));
            await Throughput.MeasureAsync(warmUp, 1, i => scan.SearchAsync(queries[i]));
            var found = new List<string>[queries.Count];
            report.Searches.Add(($"SearchAsync (gram table), {kind} fragment", await Throughput.MeasureAsync(queries.Count, 1,
                async i => found[i] = [.. (await archive.SearchAsync(queries[i])).Select(c => c.Name)]), Stats.Median(found.Select(f => (double)f.Count))));
            var differing = 0;
            report.Searches.Add(($"before: search-text scan (the old query, copied), {kind} fragment", await Throughput.MeasureAsync(queries.Count, 1, async i =>
            {
                // The same customers as the search found (names compared: equal names may tie-break differently at the 50th).
                var names = await scan.SearchAsync(queries[i]);
                if (!names.Order(StringComparer.Ordinal).SequenceEqual(found[i].Order(StringComparer.Ordinal))) Interlocked.Increment(ref differing);
            }), double.NaN));
            report.Differing.Add($"{kind}: SearchAsync answered {differing} of {queries.Count:N0} searches differently from the scan");
            Log($"{kind} searches done; {report.Differing[^1]}");
        }
        await scan.ExplainAsync(phones[0], names[0], report.Plans);
        foreach (var plan in report.Plans) Log(plan);

        var desk = host.Get<WorkOrderDesk>();
        var next = 0;
        Task Open()
        {
            // Each caller its own customer: read the shared counter once.
            var customer = customers[Interlocked.Increment(ref next) % customers.Count];
            return desk.OpenAsync(RepairWork.DeskAgent, new OpenOrderRequest("repair", customer.Id, [customer.Serial], 1, null, null, null));
        }
        await TimedRun.MeasureAsync(options.OpenFor / 5, 1, Open);
        foreach (var callers in new[] { 1, 8 })
        {
            var run = await TimedRun.MeasureAsync(options.OpenFor, callers, Open);
            report.Opens.Add(($"Open a repair order (1 device), {callers} caller(s)", run));
            Log($"opening orders, {callers} caller(s): {run.PerSecond:0} orders/s, p99 {Stats.Ms(run.P99)}");
        }
        // The same process started bare (no order, no records read): how much of an order's time is the start's.
        var work = new RepairWork(host);
        foreach (var callers in new[] { 1, 8 })
        {
            var run = await TimedRun.MeasureAsync(options.OpenFor, callers, () => work.StartAsync($"bare-{Guid.NewGuid():N}"));
            report.Opens.Add(($"reference: bare repair start (InstanceService.StartAsync), {callers} caller(s)", run));
            Log($"bare starts, {callers} caller(s): {run.PerSecond:0}/s, p99 {Stats.Ms(run.P99)}");
        }
    }

    /// <summary>Two neighbouring characters of a loaded customer's name: what a clerk types who remembers part of it.</summary>
    private static string NameFragment(Random random, List<LoadedCustomer> customers)
    {
        var name = customers[random.Next(customers.Count)].Name;
        var at = random.Next(name.Length - 1);
        return name.Substring(at, 2);
    }
}

/// <summary>Calls an operation on concurrent loops for a fixed time: throughput and latency of what got done.</summary>
internal static class TimedRun
{
    public static async Task<Throughput> MeasureAsync(TimeSpan duration, int callers, Func<Task> operation)
    {
        var latencies = new List<double>[callers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).ToArray();
        return new Throughput(all.Length, clock.Elapsed, all);
    }
}

/// <summary>
/// The search as it was before the gram table (every search text tested in name order until 50 match), kept to
/// measure beside <see cref="CustomerArchive.SearchAsync"/>; and SQLite's plans of both.
/// </summary>
internal sealed class ScanSearch(WorkflowDbFactory dbFactory)
{
    private static IQueryable<CustomerRecord> Scan(AfterSalesDbContext a, string query) =>
        CustomerArchive.Matching(a.Customers.AsNoTracking(), query).OrderBy(c => c.Name).Take(CustomerArchive.SearchLimit);

    /// <summary>What <see cref="CustomerArchive.SearchAsync"/> read before the grams (customers in name order, then their contacts): the names found.</summary>
    public async Task<List<string>> SearchAsync(string query)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        var found = await Scan(a, query).Select(c => new { c.Id, c.Name }).ToListAsync();
        var ids = found.Select(c => c.Id).ToList();
        await a.Contacts.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.Position).ToListAsync();
        return [.. found.Select(c => c.Name)];
    }

    /// <summary>SQLite's plans, for the report (EXPLAIN QUERY PLAN of the SQL EF Core sends): the old scan's and the search's.</summary>
    public async Task ExplainAsync(string phone, string name, List<string> plans)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        foreach (var query in new[] { phone, name })
        {
            await ExplainAsync(a, $"old scan for '{query}'", Scan(a, query).Select(c => c.Id), plans);
            var search = await CustomerSearch.FirstAsync(a, query, CustomerArchive.SearchLimit, CancellationToken.None);
            await ExplainAsync(a, $"SearchAsync for '{query}'", search.Select(c => c.Id), plans);
        }
    }

    private static async Task ExplainAsync(AfterSalesDbContext a, string what, IQueryable<Guid> query, List<string> plans)
    {
        // ToQueryString gives the parameters as ".param set @name value" lines before the statement.
        var lines = query.ToQueryString().Split('\n');
        await using var command = a.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var set in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = set[2];
            parameter.Value = set[3].Trim() is var v && v.StartsWith('\'') ? v.Trim('\'') : long.Parse(v, CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plans.Add($"{what}: {reader.GetString(3)}");
    }
}
