using System.Diagnostics;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- runtime</c>: the service
/// in-process on a SQLite file, measured side by side in one run. A Stopwatch harness rather than
/// BenchmarkDotNet: what is measured is throughput of a growing database under concurrency and
/// latency distributions of single calls and timers, and BenchmarkDotNet's per-iteration means of
/// a repeatable operation fit neither. Throughput and inbox measurements run in interleaved rounds
/// after a warm-up round, so load from other work on the machine falls on all of them alike; the
/// report gives the median of the rounds and their range.
/// </summary>
internal static class RuntimeSuite
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is ["--memory-probe", ..]) return await MemorySuite.ProbeAsync(args);
        if (args.Contains("--memory")) return await MemorySuite.RunAsync(args);
        var options = SuiteOptions.Parse(args);
        var folder = TempFolder.Create("runtime-bench-");
        try
        {
            if (options.Sql)
            {
                await SqlTrace.RunAsync(folder, args.Contains("--population") ? options.Population : 0);
                return 0;
            }
            if (options.Path) return await CompletionPath.RunAsync(folder, options, seed: args.Contains("--population"));
            await using var load = new LoadSampler();
            var report = new Report(options);
            await MeasureAsync(folder, options, report, Log);
            report.Load = load.Describe();
            var markdown = report.ToMarkdown();
            Log($"report written to {await ReportFile.PublishAsync("runtime", markdown)}");
            return 0;
        }
        finally
        {
            if (options.KeepData) Log($"data kept in {folder}");
            else TempFolder.TryDelete(folder);
        }
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static async Task MeasureAsync(string folder, SuiteOptions options, Report report, Action<string> log)
    {
        report.StartedAt = DateTimeOffset.UtcNow;
        await using (var first = await BenchHost.StartAsync(folder, options.Settings))
        {
            var clock = Stopwatch.StartNew();
            var copies = await PopulationSeeder.SeedAsync(first, options.Population);
            report.Seeding = $"{copies:N0} waiting instances copied in {clock.Elapsed.TotalSeconds:0.0} s";
            log(report.Seeding);
        }

        // A restart, as after a deployment: start-up re-arms every pending timer in Hangfire.
        var restart = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(folder, options.Settings);
        var work = new RepairWork(host);
        var (_, pending) = await work.CountAsync();
        var armed = await work.ArmedTimersAsync();
        while (host.ScheduledJobs() < armed) await Task.Delay(50);
        report.Rearm = $"restart with {pending:N0} pending timers: the {armed:N0} due within the horizon scheduled in Hangfire {restart.Elapsed.TotalSeconds:0.0} s after start";
        log(report.Rearm);
        report.PopulationBefore = await work.CountAsync();

        var raw = await RawSqliteCeiling.CreateAsync(folder);
        var probe = new TimerProbe(host);
        await probe.DeployAsync();

        var batcher = host.Get<WriteBatcher>();
        // Units per commit since a reading of the batcher's counters (other writers, e.g. Hangfire's jobs, count too).
        double BatchSince((long Commits, long Units) before) =>
            (batcher.Written.Units - before.Units) / (double)Math.Max(1, batcher.Written.Commits - before.Commits);
        var batch = 0;
        for (var round = 0; round <= options.Rounds; round++)
        {
            // Round 0 warms up JIT, pools and caches; its numbers are dropped.
            var warmUp = round == 0;
            var ops = warmUp ? options.Operations / 2 : options.Operations;
            log(warmUp ? "warm-up round" : $"round {round} of {options.Rounds}");
            foreach (var callers in options.Callers)
                report.Add($"raw-{callers}", warmUp, await Throughput.MeasureAsync(ops * 2, callers, raw.InsertAsync));
            report.Add("raw-batch", warmUp, (await Throughput.MeasureAsync(ops * 2 / SuiteOptions.RawBatchRows, 1,
                _ => raw.InsertManyAsync(SuiteOptions.RawBatchRows))).TimesRows(SuiteOptions.RawBatchRows));
            foreach (var callers in options.Callers)
            {
                var prefix = $"bench-{++batch}-";
                var written = batcher.Written;
                report.Add($"start-{callers}", warmUp,
                    await Throughput.MeasureAsync(ops, callers, i => work.StartAsync(prefix + i)), BatchSince(written));
            }
            foreach (var callers in options.Callers)
            {
                var tasks = await work.OpenAcceptTasksAsync(ops);
                var written = batcher.Written;
                report.Add($"complete-{callers}", warmUp,
                    await Throughput.MeasureAsync(tasks.Count, callers, i => work.CompleteAcceptAsync(tasks[i])), BatchSince(written));
            }
            var queries = warmUp ? 20 : options.InboxQueries;
            report.Add("inbox-desk", warmUp, await Throughput.MeasureAsync(queries, 1, _ => work.InboxAsync(RepairWork.DeskAgent)));
            report.Add("inbox-engineer", warmUp, await Throughput.MeasureAsync(queries, 1, _ => work.InboxAsync(RepairWork.Engineer)));
            log(report.Describe(round));
        }
        report.PopulationAfterRounds = await work.CountAsync();

        for (var run = 1; run <= options.LatenessRuns; run++)
        {
            // Due times evenly spread over the run and over the fractions of a second (Hangfire keeps whole seconds).
            var first = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3 + options.LatenessTimers / 300.0);
            var due = Enumerable.Range(0, options.LatenessTimers)
                .Select(i => first + TimeSpan.FromSeconds(i / options.LatenessRate)).ToList();
            var result = await probe.RunAsync(due, TimeSpan.FromMinutes(3));
            report.Lateness.Add(result);
            log($"lateness run {run}: p50 {Stats.Ms(result.P50)}, p99 {Stats.Ms(result.P99)}, max {Stats.Ms(result.Max)}" +
                (result.CreatedInTime ? "" : " (NOT all created before the first was due)"));
        }

        for (var run = 1; run <= options.BurstRuns; run++)
        {
            // The live timer test's scenario, whose lateness it no longer bounds: a wall-clock bound fails on a loaded machine.
            var first = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3);
            var due = Enumerable.Range(0, SuiteOptions.BurstTimers).Select(i => first + i * SuiteOptions.BurstApart).ToList();
            var result = await probe.RunAsync(due, TimeSpan.FromMinutes(1));
            report.Bursts.Add(result);
            log($"burst run {run}: max {Stats.Ms(result.Max)}, all but the slowest {Stats.Ms(result.MaxButSlowest)}, {result.Early} early");
        }

        for (var run = 1; run <= options.DrainRuns; run++)
        {
            // All due at the same instant, late enough that every instance is waiting before it.
            var startRate = Math.Max(200, report.MedianRate($"start-{options.Callers.Max()}"));
            var at = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5 + options.DrainTimers / startRate * 1.5);
            var result = await probe.RunAsync(Enumerable.Repeat(at, options.DrainTimers).ToList(), TimeSpan.FromMinutes(10));
            report.Drains.Add(result);
            log($"drain run {run}: {options.DrainTimers:N0} timers fired {result.LastFiredAfterDue.TotalSeconds:0.00} s after their due time" +
                (result.CreatedInTime ? "" : " (NOT all created before they were due)"));
        }
        report.PopulationAfter = await work.CountAsync();
        report.FinishedAt = DateTimeOffset.UtcNow;
    }
}
