using System.Diagnostics;
using System.Globalization;
using System.Text;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// <c>runtime --path</c> (issue 14, "the completion path"): starts of the repair process and completions of the acceptRequest
/// tasks they created, on one caller, one block after the other, in rounds after a warm-up round, with what each costs the
/// process besides time (CPU, bytes allocated, GC pauses: steadier than rates on a shared machine) and the EF Core commands each
/// sends (counted in one pass after the warm-up, <see cref="CommandCounter"/>). Nothing else runs in between, so a profiler
/// attached to one block (the log names the process and each block: <c>dotnet-trace collect -p PID --duration …</c>) sees one
/// path alone. The database is seeded only with an explicit <c>--population N</c>.
/// </summary>
internal static class CompletionPath
{
    public static async Task<int> RunAsync(string folder, SuiteOptions options, bool seed)
    {
        await using var load = new LoadSampler();
        var started = DateTimeOffset.UtcNow;
        if (seed)
        {
            await using var seeding = await BenchHost.StartAsync(folder, options.Settings);
            Log($"{await PopulationSeeder.SeedAsync(seeding, options.Population):N0} waiting instances seeded");
        }
        await using var host = await BenchHost.StartAsync(folder, options.Settings);
        var work = new RepairWork(host);
        // As in the full suite: start-up re-arms the seeded timers in Hangfire; measure once that is done.
        var (_, pending) = await work.CountAsync();
        while (host.ScheduledJobs() < pending) await Task.Delay(50);
        using var counter = new CommandCounter();

        var starts = new List<Block>();
        var completions = new List<Block>();
        IReadOnlyDictionary<string, int>? startCommands = null, completionCommands = null;
        var counted = Math.Min(200, options.Operations);
        for (var round = -1; round <= options.Rounds; round++)
        {
            // Round -1 warms up JIT, pools and caches; round 0 counts the commands (the listener costs a little); both are dropped.
            var ops = round == 0 ? counted : options.Operations;
            var prefix = $"path-{round + 1}-";
            Log($"round {round}: {ops:N0} starts (process {Environment.ProcessId})");
            if (round == 0) counter.Restart();
            var start = await Block.MeasureAsync(ops, i => work.StartAsync(prefix + i));
            if (round == 0) startCommands = counter.Stop();
            var tasks = await work.OpenAcceptTasksAsync(ops, prefix);
            Log($"round {round}: {tasks.Count:N0} completions (process {Environment.ProcessId})");
            if (round == 0) counter.Restart();
            var complete = await Block.MeasureAsync(tasks.Count, i => work.CompleteAcceptAsync(tasks[i]));
            if (round == 0) completionCommands = counter.Stop();
            if (round > 0)
            {
                starts.Add(start);
                completions.Add(complete);
            }
            Log($"round {round}: starts {start}; completions {complete}");
        }

        var report = Describe(options, seed, started, load.Describe(), starts, completions, counted, startCommands!, completionCommands!);
        Log($"report written to {await ReportFile.PublishAsync("runtime-path", report)}");
        return 0;
    }

    /// <summary>One block of operations on one caller: its rate and the process's CPU, allocations and GC pauses per operation.</summary>
    private sealed record Block(double PerSecond, double P50Ms, double CpuMs, double AllocatedKb, double GcPauseMs, int Gen0, int Gen1, int Gen2)
    {
        public static async Task<Block> MeasureAsync(int operations, Func<int, Task> operation)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var pause = GC.GetTotalPauseDuration();
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var run = await Throughput.MeasureAsync(operations, 1, operation);
            process.Refresh();
            double PerOp(double total) => total / Math.Max(1, operations);
            return new Block(run.PerSecond, run.P50, PerOp((process.TotalProcessorTime - cpu).TotalMilliseconds),
                PerOp((GC.GetTotalAllocatedBytes() - allocated) / 1024.0), PerOp((GC.GetTotalPauseDuration() - pause).TotalMilliseconds),
                GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{PerSecond:N0}/s, p50 {Stats.Ms(P50Ms)}, CPU {CpuMs:0.00} ms, {AllocatedKb:N0} KB, GC pause {GcPauseMs:0.000} ms per op " +
            $"(GCs {Gen0}/{Gen1}/{Gen2})");
    }

    private static string Describe(SuiteOptions options, bool seeded, DateTimeOffset started, string load, List<Block> starts,
        List<Block> completions, int counted, IReadOnlyDictionary<string, int> startCommands, IReadOnlyDictionary<string, int> completionCommands)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"## runtime --path: {started:yyyy-MM-dd HH:mm}–{DateTimeOffset.UtcNow:HH:mm} UTC, load {load}");
        text.AppendLine();
        text.AppendLine(inv, $"{options.Rounds} rounds of {options.Operations:N0} starts then {options.Operations:N0} completions, 1 caller, " +
                             $"after a warm-up round; population {(seeded ? options.Population.ToString("N0", inv) : "none")} seeded before. " +
                             $"Medians of the rounds (range); CPU is the whole process's (Hangfire's and the host's threads too), per operation.");
        text.AppendLine();
        text.AppendLine("| | starts | completions | completion ÷ start |");
        text.AppendLine("|---|---:|---:|---:|");
        void Row(string name, Func<Block, double> value, Func<double, string> format)
        {
            var (s, c) = (Stats.Median(starts.Select(value)), Stats.Median(completions.Select(value)));
            text.AppendLine(inv, $"| {name} | {format(s)} ({Stats.Range(starts.Select(value), format)}) | " +
                                 $"{format(c)} ({Stats.Range(completions.Select(value), format)}) | {c / s:0.00} |");
        }
        Row("operations/s", b => b.PerSecond, Stats.N0);
        Row("latency p50", b => b.P50Ms, Stats.Ms);
        Row("CPU per operation", b => b.CpuMs, v => v.ToString("0.00 ms", inv));
        Row("allocated per operation", b => b.AllocatedKb, v => v.ToString("N0", inv) + " KB");
        Row("GC pause per operation", b => b.GcPauseMs, v => v.ToString("0.000 ms", inv));
        text.AppendLine();
        text.AppendLine(inv, $"EF Core commands per operation (counted over {counted} of each; BEGIN, COMMIT and the history's INSERT not included):");
        text.AppendLine();
        text.AppendLine("| command | per start | per completion |");
        text.AppendLine("|---|---:|---:|");
        foreach (var kind in startCommands.Keys.Union(completionCommands.Keys).Order(StringComparer.Ordinal))
            text.AppendLine(inv, $"| `{kind}` | {PerOp(startCommands, kind, counted)} | {PerOp(completionCommands, kind, counted)} |");
        text.AppendLine(inv, $"| **all** | **{startCommands.Values.Sum() / (double)counted:0.##}** | **{completionCommands.Values.Sum() / (double)counted:0.##}** |");
        return text.ToString();
    }

    private static string PerOp(IReadOnlyDictionary<string, int> counts, string kind, int ops) =>
        counts.TryGetValue(kind, out var n) ? (n / (double)ops).ToString("0.##", CultureInfo.InvariantCulture) : "–";

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
