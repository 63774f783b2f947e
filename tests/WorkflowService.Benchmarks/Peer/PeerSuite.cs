using System.Diagnostics;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Testing;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Peer;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- peer</c>: the same workload
/// (start → wait for an event correlated by a key → resume → end) on WorkflowCore and on ours, one
/// engine after the other in one process. Each round starts N instances on one caller, N more on 8
/// concurrent callers, then delivers the event to all 2N on 8 callers; a batch's clock stops when
/// the engine has done the work, not when the calls returned (WorkflowCore runs its steps in the
/// background). A warm-up round of N/4 comes first and is dropped; the report gives medians.
/// </summary>
internal static class PeerSuite
{
    private const int Concurrent = 8;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = PeerOptions.Parse(args);
        var whole = Stopwatch.StartNew();
        var report = new PeerReport(options) { StartedAt = DateTimeOffset.UtcNow };
        await using (var load = new LoadSampler())
        {
            Log("WorkflowCore on its in-memory persistence");
            await MeasureAsync(report, "WorkflowCore 3.22.0", "in memory", () => Task.FromResult<IPeerEngine>(WorkflowCorePeer.Start()), options);
            var folder = TempFolder.Create("peer-bench-");
            try
            {
                Log("ours on a SQLite file");
                await MeasureAsync(report, "WorkflowService", "SQLite file (WAL)", async () => await OursPeer.StartOnFileAsync(Path.Combine(folder, "file")), options);
                Log("ours on SQLite in memory");
                await MeasureAsync(report, "WorkflowService", "SQLite in memory (shared cache)", async () => await OursPeer.StartInMemoryAsync(Path.Combine(folder, "memory")), options);
            }
            finally
            {
                TempFolder.TryDelete(folder);
            }
            report.Load = load.Describe();
        }
        report.Wall = whole.Elapsed;
        var markdown = report.ToMarkdown();
        Log($"report written to {await ReportFile.PublishAsync("peer", markdown)}");
        return 0;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>
    /// Runs the rounds on one engine. An engine that fails (to start, or in a round) gets a row that
    /// says why instead of numbers, and the other engines still run.
    /// </summary>
    private static async Task MeasureAsync(PeerReport report, string engine, string storage, Func<Task<IPeerEngine>> start, PeerOptions options)
    {
        var row = report.Row(engine, storage);
        var clock = Stopwatch.StartNew();
        try
        {
            await using var peer = await start();
            var started = 0;
            for (var round = 0; round <= options.Rounds; round++)
            {
                var warmUp = round == 0;
                var n = warmUp ? Math.Max(20, options.Instances / 4) : options.Instances;
                var timeout = TimeSpan.FromSeconds(120 + n / 20.0);
                var roundClock = Stopwatch.StartNew();
                var keys = new List<string>();
                var rates = new List<double>();
                foreach (var callers in new[] { 1, Concurrent })
                {
                    var batch = Enumerable.Range(0, n).Select(i => $"r{round}-c{callers}-{i}").ToList();
                    keys.AddRange(batch);
                    var batchClock = Stopwatch.StartNew();
                    await Throughput.MeasureAsync(n, callers, i => peer.StartAsync(batch[i]));
                    started += n;
                    await peer.SettleStartsAsync(started, timeout);
                    rates.Add(n / batchClock.Elapsed.TotalSeconds);
                }
                if (await peer.EndedAsync() is var ended && ended != started - keys.Count)
                    throw new InvalidOperationException($"{ended - (started - keys.Count)} instances ended before their event was published");
                var eventsClock = Stopwatch.StartNew();
                await Throughput.MeasureAsync(keys.Count, Concurrent, i => peer.PublishAsync(keys[i]));
                await peer.SettleEndsAsync(started, timeout);
                var events = keys.Count / eventsClock.Elapsed.TotalSeconds;
                if (!warmUp) row.Add(rates[0], rates[1], events, roundClock.Elapsed);
                Log($"{engine}, {storage}, {(warmUp ? $"warm-up ({n})" : $"round {round}")}: starts {rates[0]:N0}/s (1 caller), " +
                    $"{rates[1]:N0}/s ({Concurrent} callers), events {events:N0}/s, {roundClock.Elapsed.TotalSeconds:0.0} s");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            row.Failure = $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            Log($"{engine}, {storage} FAILED: {ex}");
        }
        row.Wall = clock.Elapsed;
    }
}
