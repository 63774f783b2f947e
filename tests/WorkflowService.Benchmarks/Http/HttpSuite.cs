using System.Collections.Concurrent;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Testing;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Http;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- http</c>: the service behind a real Kestrel port
/// on 127.0.0.1 (<see cref="HttpHost"/>), loaded by 16 closed loops over 16 keep-alive connections from this process
/// (<see cref="LoadLoops"/>), cell after cell for a fixed time: what HTTP itself serves (a small static file, the
/// liveness check, an empty endpoint), what the bearer token and the caller's groups add (empty endpoints behind them),
/// REST starts and completions, and the same starts and completions in-process in the same run, so the difference is
/// what a REST call pays beyond the step. A warm-up round first, then rounds whose medians are reported. The load
/// client shares the machine's cores with the service, as <c>wrk</c> on the same machine would.
/// </summary>
internal static class HttpSuite
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = HttpOptions.Parse(args);
        var folder = TempFolder.Create("http-bench-");
        try
        {
            var report = new HttpReport(options) { LoadBefore = LoadAverages() };
            await using (var load = new LoadSampler())
            {
                await MeasureAsync(folder, options, report);
                report.Load = load.Describe();
            }
            report.LoadAfter = LoadAverages();
            var markdown = report.ToMarkdown();
            Log($"report written to {await ReportFile.PublishAsync("http", markdown)}");
            return 0;
        }
        finally
        {
            if (options.KeepData) Log($"data kept in {folder}");
            else TempFolder.TryDelete(folder);
        }
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static string LoadAverages() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "not available";

    private static async Task MeasureAsync(string folder, HttpOptions options, HttpReport report)
    {
        report.StartedAt = DateTimeOffset.UtcNow;
        await using var host = await HttpHost.StartAsync(folder, options.Settings);
        using var cells = await HttpCells.CreateAsync(host, options.Connections);
        Log($"service at {host.Address}, {options.Connections} connections");
        var rates = new Dictionary<string, double>();
        for (var round = 0; round <= options.Rounds; round++)
        {
            var warmUp = round == 0;
            var duration = warmUp ? options.WarmUp : options.Cell;
            Log(warmUp ? "warm-up round" : $"round {round} of {options.Rounds}");
            var restTasks = new ConcurrentQueue<Guid>();
            var localTasks = new ConcurrentQueue<Guid>();
            var dealt = false;
            foreach (var (name, operation) in cells.Cells(restTasks, localTasks))
            {
                if (options.Only.Length > 0 && !options.Only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase))) continue;
                if (!dealt && name.Contains("completion", StringComparison.Ordinal))
                {
                    await DealAsync(cells, options.Connections, Needed(rates, "REST completion", duration),
                        Needed(rates, "in-process completion", duration), restTasks, localTasks);
                    dealt = true;
                }
                var result = await LoadLoops.RunAsync(options.Connections, duration, operation);
                rates[name] = result.PerSecond;
                if (!warmUp) report.Add(name, result, duration);
                Log($"  {name}: {Stats.N0(result.PerSecond)}/s, p50 {Stats.Ms(result.P50)}, p99 {Stats.Ms(result.P99)}" +
                    (result.Failed > 0 ? $", {result.Failed} FAILED" : "") +
                    (result.Elapsed < duration ? $", ran out of tasks after {result.Elapsed.TotalSeconds:0.0} s" : ""));
            }
            if (warmUp && options.Pause > 0)
            {
                Log($"pausing {options.Pause} s: process id {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(options.Pause));
            }
        }
        await WrkAsync(folder, options, host, cells.Token, report);
        report.FinishedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The <c>wrk</c> cells, as many rounds as the others, after them (nothing when wrk is not installed).</summary>
    private static async Task WrkAsync(string folder, HttpOptions options, HttpHost host, string token, HttpReport report)
    {
        if (options.NoWrk || WrkCells.Find() is not { } wrk)
        {
            report.Wrk = options.NoWrk ? "left out (--no-wrk)" : "not installed (Debian: apt-get install wrk)";
            return;
        }
        report.Wrk = $"{wrk}, one thread, {options.Connections} connections";
        var wrkCells = WrkCells.Cells(folder)
            .Where(c => options.Only.Length == 0 || options.Only.Any(o => c.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
        for (var round = 1; round <= options.Rounds && wrkCells.Count > 0; round++)
        {
            Log($"wrk round {round} of {options.Rounds}");
            foreach (var (name, path, signedIn, script) in wrkCells)
            {
                var result = await WrkCells.RunAsync(wrk, host.Address, path, signedIn ? token : null, script, options.Connections, options.Cell);
                report.AddWrk(name, result);
                Log($"  {name}: {Stats.N0(result.PerSecond)}/s, p50 {Stats.Ms(result.P50)}, p99 {Stats.Ms(result.P99)}" +
                    (result.Failed > 0 ? $", {result.Failed} FAILED" : ""));
            }
        }
    }

    /// <summary>
    /// Tasks enough for a completion cell to run its whole time: three times what it did in the last round (300/s before the
    /// first, never less), so that a cell does not end early when the round's starts were slow or completions have
    /// become faster: rounds on a shared machine vary by 2x.
    /// </summary>
    private static int Needed(Dictionary<string, double> rates, string cell, TimeSpan duration) =>
        (int)Math.Ceiling(3 * duration.TotalSeconds * Math.Max(300, rates.GetValueOrDefault(cell)));

    /// <summary>
    /// The open tasks the starts made, topped up with unmeasured in-process starts where they are fewer than the two
    /// completion cells need, dealt to the REST completions first and the rest to the in-process ones.
    /// </summary>
    private static async Task DealAsync(HttpCells cells, int loops, int restNeeds, int localNeeds, ConcurrentQueue<Guid> rest,
        ConcurrentQueue<Guid> local)
    {
        var open = await cells.OpenTasksAsync();
        if (open.Count < restNeeds + localNeeds)
        {
            Log($"  stocking {restNeeds + localNeeds - open.Count:N0} tasks for the completions (in-process starts, not measured)");
            await cells.StockAsync(restNeeds + localNeeds - open.Count, loops);
            open = await cells.OpenTasksAsync();
        }
        for (var i = 0; i < open.Count; i++) (i < restNeeds ? rest : local).Enqueue(open[i]);
    }
}
