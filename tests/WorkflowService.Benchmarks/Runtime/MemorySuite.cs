using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using WorkflowService.Testing;
using WorkflowService.Benchmarks.Support;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// <c>runtime --memory</c>: the service's memory with the seeded population open (issue 14: 100,000
/// open instances, working set ≤ 500 MB). This process seeds the database (as <c>runtime</c> does);
/// a child process then starts the service on it, as a restart after a deployment would (every
/// pending timer re-armed), and measures itself: settled after the restart, and again after a burst
/// of activity (inbox queries, starts, completions, a drain of timers). A child, so the figures hold
/// only what the service holds, not the seeding's leftovers, and with the GC the service ships with
/// (the Web SDK's server GC; <c>--gc workstation</c> to compare).
/// </summary>
internal static class MemorySuite
{
    private sealed record Options(int Population, int Operations, int DrainTimers, bool Server, bool GcDump,
        Dictionary<string, string?> Settings, List<string> PassOn)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var o = new Options(100_000, 2_000, 10_000, true, false, [], []);
            for (var i = 0; i < args.Count; i++)
            {
                int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
                var at = i;
                o = args[i] switch
                {
                    "--memory" => o,
                    "--population" => o with { Population = Next() },
                    "--ops" => o with { Operations = Next() },
                    "--drain-timers" => o with { DrainTimers = Next() },
                    "--gc" => o with { Server = args[++i] != "workstation" },
                    "--gcdump" => o with { GcDump = true },
                    "--set" => o with { Settings = new(o.Settings) { [args[++i].Split('=')[0]] = args[i].Split('=', 2)[1] } },
                    _ => throw new ArgumentException(
                        $"Unknown option {args[i]}. Options: --memory --population N --ops N --drain-timers N " +
                        "--gc server|workstation --gcdump --set Section:Key=value"),
                };
                o.PassOn.AddRange(args.Skip(at).Take(i - at + 1));
            }
            return o;
        }
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = Options.Parse(args);
        var folder = TempFolder.Create("memory-bench-");
        try
        {
            await using (var host = await BenchHost.StartAsync(folder, options.Settings))
            {
                var copies = await PopulationSeeder.SeedAsync(host, options.Population);
                Log($"{copies:N0} waiting instances seeded");
            }
            return await RunProbeAsync(folder, options);
        }
        finally
        {
            TempFolder.TryDelete(folder);
        }
    }

    /// <summary>Runs this program again as <c>runtime --memory-probe folder …</c>, with the GC asked for.</summary>
    private static async Task<int> RunProbeAsync(string folder, Options options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var a in (string[])["runtime", "--memory-probe", folder, .. options.PassOn]) start.ArgumentList.Add(a);
        start.Environment["DOTNET_gcServer"] = options.Server ? "1" : "0";
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The child: restart on the seeded folder, measure, work, measure again, report.</summary>
    public static async Task<int> ProbeAsync(IReadOnlyList<string> args)
    {
        var folder = args[1];
        var options = Options.Parse([.. args.Skip(2)]);
        await using var load = new LoadSampler();
        var started = DateTimeOffset.UtcNow;
        var samples = new List<MemorySample> { MemorySample.Take("process started, service not yet", 0) };

        var restart = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(folder, options.Settings);
        var work = new RepairWork(host);
        var (openTasks, pending) = await work.CountAsync();
        var armed = await work.ArmedTimersAsync();
        while (host.ScheduledJobs() < armed && restart.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(50);
        Log($"restart with {openTasks:N0} open tasks, {pending:N0} pending timers ({armed:N0} due within the horizon): " +
            $"{host.ScheduledJobs():N0} scheduled in Hangfire after {restart.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the start-up's own work settles (sweeps, caches)
        samples.Add(MemorySample.Take($"restarted: {openTasks:N0} open tasks, {pending:N0} pending timers", host.ScheduledJobs()));
        Log(samples[^1].Row);
        if (options.GcDump) await GcDumpAsync("restarted");

        var probe = new TimerProbe(host);
        await probe.DeployAsync();
        var inbox = await Throughput.MeasureAsync(200, 1, i => work.InboxAsync(i % 2 == 0 ? RepairWork.DeskAgent : RepairWork.Engineer));
        var starts = await Throughput.MeasureAsync(options.Operations, 4, i => work.StartAsync($"memory-{i}"));
        var tasks = await work.OpenAcceptTasksAsync(options.Operations, "memory-");
        var completions = await Throughput.MeasureAsync(tasks.Count, 4, i => work.CompleteAcceptAsync(tasks[i]));
        var at = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5 + options.DrainTimers / 300.0);
        var drain = await probe.RunAsync(Enumerable.Repeat(at, options.DrainTimers).ToList(), TimeSpan.FromMinutes(10));
        var burst = string.Create(CultureInfo.InvariantCulture,
            $"{inbox.Operations} inbox queries (p99 {Stats.Ms(inbox.P99)}), {starts.Operations:N0} starts ({starts.PerSecond:N0}/s), " +
            $"{completions.Operations:N0} completions ({completions.PerSecond:N0}/s), {drain.Timers:N0} timers drained " +
            $"({drain.LastFiredAfterDue.TotalSeconds:0.0} s after due, {drain.Early} early)");
        Log(burst);
        await Task.Delay(TimeSpan.FromSeconds(5));
        (openTasks, pending) = await work.CountAsync();
        samples.Add(MemorySample.Take($"after the burst: {openTasks:N0} open tasks, {pending:N0} pending timers", host.ScheduledJobs()));
        if (options.GcDump) await GcDumpAsync("after-burst");
        using (var self = Process.GetCurrentProcess())
            Log($"peak working set {MemorySample.Mb(self.PeakWorkingSet64)}");

        var report = string.Join('\n',
            $"# Working set with {options.Population:N0} open instances",
            "",
            $"{started:yyyy-MM-dd HH:mm}–{DateTimeOffset.UtcNow:HH:mm} UTC, load average (1 min) {load.Describe()}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores, .NET {Environment.Version}",
            "",
            MemorySample.Header,
            string.Join('\n', samples.Select(s => s.Row)),
            "",
            $"Burst: {burst}.");
        Log($"report written to {await ReportFile.PublishAsync("memory", report)}");
        return 0;
    }

    /// <summary>A heap snapshot of this process (the local tool dotnet-gcdump) and its largest types.</summary>
    private static async Task GcDumpAsync(string moment)
    {
        var file = Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", "results", $"memory-{moment}-{DateTime.UtcNow:HHmmss}.gcdump"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await ToolAsync("collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", file);
        var report = await ToolAsync("report", file);
        // By object count: on .NET 10 the tool falls back to lossy buffering and its byte column leaves most of a
        // large heap out (a 95 MB heap listed as 1 MB), while the counts still show who holds the objects.
        var lines = report.Split('\n');
        Log($"{file}: {string.Join(", ", lines.Take(2).Select(l => l.Trim()))}; the 25 most numerous types:");
        foreach (var line in lines.Skip(4).Where(l => l.Length > 0).OrderByDescending(Count).Take(25)) Console.WriteLine(line);
    }

    private static long Count(string reportLine)
    {
        var columns = reportLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return columns.Length > 1 && long.TryParse(columns[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private static async Task<string> ToolAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true,
        };
        foreach (var a in (string[])["gcdump", .. args]) start.ArgumentList.Add(a);
        using var tool = Process.Start(start)!;
        var output = await tool.StandardOutput.ReadToEndAsync();
        await tool.WaitForExitAsync();
        return output;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
