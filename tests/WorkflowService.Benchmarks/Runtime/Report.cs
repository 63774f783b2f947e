using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static WorkflowService.Benchmarks.Runtime.Stats;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>Collects the samples of a run and writes them, with the machine and the goals, as markdown.</summary>
internal sealed class Report(SuiteOptions options)
{
    // Issue 14's goals (in-process, SQLite file in WAL).
    private const double GoalStartsPerSecond = 4_000;
    private const double GoalCompletionsPerSecond = 3_000;
    private const double GoalShareOfRaw = 0.5;
    private const double GoalTimerP99Ms = 250;
    private const double GoalInboxP99Ms = 50;

    private readonly Dictionary<string, List<Throughput>> _samples = [];

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string Load { get; set; } = "";
    public string Seeding { get; set; } = "";
    public string Rearm { get; set; } = "";
    public (int OpenTasks, int PendingTimers) PopulationBefore { get; set; }
    public (int OpenTasks, int PendingTimers) PopulationAfterRounds { get; set; }
    public (int OpenTasks, int PendingTimers) PopulationAfter { get; set; }
    public List<TimerRun> Lateness { get; } = [];
    public List<TimerRun> Bursts { get; } = [];
    public List<TimerRun> Drains { get; } = [];

    public void Add(string name, bool warmUp, Throughput sample, double? batchSize = null)
    {
        if (warmUp) return;
        if (batchSize is not null) sample = sample with { BatchSize = batchSize };
        if (!_samples.TryGetValue(name, out var list)) _samples[name] = list = [];
        list.Add(sample);
    }

    public double MedianRate(string name) => _samples.TryGetValue(name, out var list) ? Median(list.Select(s => s.PerSecond)) : double.NaN;

    private double MedianOf(string name, Func<Throughput, double> value) =>
        _samples.TryGetValue(name, out var list) ? Median(list.Select(value)) : double.NaN;

    private double Pooled(string name, double percentile) =>
        _samples.TryGetValue(name, out var list) ? Percentile([.. list.SelectMany(s => s.LatenciesMs)], percentile) : double.NaN;

    /// <summary>One line per round for the console, so a long run shows progress.</summary>
    public string Describe(int round) => round == 0 ? "warm-up done" : string.Join(", ", _samples
        .Where(s => s.Value.Count == round).Select(s => s.Key.StartsWith("inbox", StringComparison.Ordinal)
            ? $"{s.Key} p99 {Ms(s.Value[^1].P99)}"
            : $"{s.Key} {N0(s.Value[^1].PerSecond)}/s ({s.Value[^1].CpuMsPerOperation:0.000} ms CPU, {s.Value[^1].GcPauseMsPerOperation:0.000} ms GC pause)"));

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Runtime benchmarks, {StartedAt:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine("| | |\n|---|---|");
        foreach (var (key, value) in MachineInfo.Describe()) md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Run | {StartedAt:yyyy-MM-dd HH:mm}–{FinishedAt:HH:mm} UTC |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Load average (1 min) during the run | {Load} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Options | {options.Rounds} rounds after a warm-up round, {options.Operations:N0} operations per throughput measurement ({options.Operations * 2:N0} raw inserts), {options.InboxQueries} inbox queries per caller per round |");
        if (options.Settings.Count > 0)
            md.AppendLine(CultureInfo.InvariantCulture, $"| Service settings changed | {string.Join(", ", options.Settings.Select(s => $"`{s.Key}={s.Value}`"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Population | {Seeding}; {Rearm} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Open tasks / pending timers | {Pop(PopulationBefore)} before the rounds, {Pop(PopulationAfterRounds)} after them, {Pop(PopulationAfter)} at the end |");
        Table(md, $"Throughput: median of {options.Rounds} rounds (range of the rounds)",
            ["Measurement", .. options.Callers.Select(Callers), .. options.Callers.Select(c => $"latency p50 / p99, {Callers(c)}")]);
        ThroughputRow(md, "Raw SQLite ceiling: single-row insert transaction, EF Core, new context each", "raw");
        ThroughputRow(md, "Start repair → acceptRequest waits with its timer (instances/s)", "start");
        ThroughputRow(md, "Complete acceptRequest → dispatchEngineer waits (completions/s)", "complete");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Batched raw ceiling ({SuiteOptions.RawBatchRows} such rows per transaction, 1 caller): {Rate("raw-batch")} rows/s. " +
            $"Steps per commit (median of rounds): starts {string.Join(", ", options.Callers.Select(c => $"{BatchSizeOf($"start-{c}")} with {Callers(c)}"))}; " +
            $"completions {string.Join(", ", options.Callers.Select(c => $"{BatchSizeOf($"complete-{c}")} with {Callers(c)}"))}.");
        Table(md, $"Inbox: first page of 50 open tasks by due date, {options.InboxQueries} queries per round",
            "Caller", "p50 (median of rounds)", "p99 (median of rounds)", "p99 of all queries", "max");
        InboxRow(md, "service-desk agent (the group of every seeded task)", "inbox-desk");
        InboxRow(md, "engineer (no seeded task is theirs)", "inbox-engineer");
        Table(md, "Timers, with the population above pending in the database and in Hangfire",
            "Measurement", "runs", "p50", "p99", "max", "other");
        TimerRow(md, $"Lateness: {options.LatenessTimers} timers due {options.LatenessRate:0}/s, spread over the second", Lateness,
            r => $"created in {r.CreatedIn.TotalSeconds:0.0} s");
        TimerRow(md, $"Burst: {SuiteOptions.BurstTimers} timers due {SuiteOptions.BurstApart.TotalMilliseconds:0} ms apart", Bursts,
            r => $"all but the slowest ≤ {Ms(r.MaxButSlowest)}");
        TimerRow(md, $"Drain: {options.DrainTimers:N0} timers due at the same instant", Drains,
            r => $"last fired {r.LastFiredAfterDue.TotalSeconds:0.0} s after due ({N0(r.Timers / r.LastFiredAfterDue.TotalSeconds)} timers/s)");
        AppendGoals(md);
        return md.ToString();
    }

    /// <summary>A section heading and a table header; the first column left-aligned, the numbers right-aligned.</summary>
    private static void Table(StringBuilder md, string title, params string[] columns)
    {
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", columns)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(Enumerable.Repeat("---:|", columns.Length - 1))}");
    }

    private static string Pop((int OpenTasks, int PendingTimers) p) => $"{p.OpenTasks:N0} / {p.PendingTimers:N0}";

    private static string Callers(int count) => count == 1 ? "1 caller" : $"{count} callers";

    private string Rate(string key) => _samples.TryGetValue(key, out var list)
        ? $"**{N0(Median(list.Select(s => s.PerSecond)))}/s** ({Range(list.Select(s => s.PerSecond), N0)})"
        : "-";

    private string BatchSizeOf(string key) => _samples.TryGetValue(key, out var list) && list.All(s => s.BatchSize is not null)
        ? Median(list.Select(s => s.BatchSize!.Value)).ToString("0.0", CultureInfo.InvariantCulture)
        : "-";

    private void ThroughputRow(StringBuilder md, string label, string name)
    {
        string Latency(string key) => $"{Ms(MedianOf(key, s => s.P50))} / {Ms(MedianOf(key, s => s.P99))}";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {string.Join(" | ", options.Callers.Select(c => Rate($"{name}-{c}")))} | {string.Join(" | ", options.Callers.Select(c => Latency($"{name}-{c}")))} |");
    }

    private void InboxRow(StringBuilder md, string label, string name)
    {
        var max = _samples.TryGetValue(name, out var list) ? list.SelectMany(s => s.LatenciesMs).DefaultIfEmpty(double.NaN).Max() : double.NaN;
        md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Ms(MedianOf(name, s => s.P50))} | {Ms(MedianOf(name, s => s.P99))} | {Ms(Pooled(name, 99))} | {Ms(max)} |");
    }

    private static void TimerRow(StringBuilder md, string label, List<TimerRun> runs, Func<TimerRun, string> other)
    {
        if (runs.Count == 0) return;
        var late = runs.Any(r => !r.CreatedInTime) ? "; **some instances were created after their due time**" : "";
        var early = runs.Sum(r => r.Early) is > 0 and var count ? $"; **{count} fired before their due time**" : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {runs.Count} | {Ms(Median(runs.Select(r => r.P50)))} | {Ms(Median(runs.Select(r => r.P99)))} | " +
                      $"{Ms(Median(runs.Select(r => r.Max)))} | {string.Join("; ", runs.Select(other))}{late}{early} |");
    }

    private void AppendGoals(StringBuilder md)
    {
        var start = options.Callers.Max(c => MedianRate($"start-{c}"));
        var complete = options.Callers.Max(c => MedianRate($"complete-{c}"));
        var raw = options.Callers.Max(c => MedianRate($"raw-{c}"));
        var timerP99 = Lateness.Count == 0 ? double.NaN : Median(Lateness.Select(r => r.P99));
        // Pooled over every round: a round's 100 queries give a p99 that is nearly its maximum.
        var inboxP99 = Math.Max(Pooled("inbox-desk", 99), Pooled("inbox-engineer", 99));
        Table(md, "Goals", "Goal", "Measured", "Verdict");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ≥ {N0(GoalStartsPerSecond)} starts/s (best caller count) | {N0(start)}/s | {AtLeast(start, GoalStartsPerSecond, N0)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ≥ {N0(GoalCompletionsPerSecond)} completions/s (best caller count) | {N0(complete)}/s | {AtLeast(complete, GoalCompletionsPerSecond, N0)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Starts ≥ {GoalShareOfRaw:P0} of the raw single-row SQLite rate (best of each) | {start / raw:P0} of {N0(raw)}/s | {AtLeast(start / raw, GoalShareOfRaw, v => $"{v * 100:0} percentage points")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Completions ≥ {GoalShareOfRaw:P0} of the raw single-row SQLite rate (best of each) | {complete / raw:P0} of {N0(raw)}/s | {AtLeast(complete / raw, GoalShareOfRaw, v => $"{v * 100:0} percentage points")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Timer lateness p99 ≤ {GoalTimerP99Ms} ms (median of runs) | {Ms(timerP99)} | {AtMost(timerP99, GoalTimerP99Ms)} |");
        var burst = Bursts.Count == 0 ? double.NaN : Bursts.Max(r => r.MaxButSlowest);
        md.AppendLine(CultureInfo.InvariantCulture, $"| A burst's timers but the slowest ≤ {GoalTimerP99Ms} ms late (worst run) | {Ms(burst)} | {AtMost(burst, GoalTimerP99Ms)} |");
        var timerRuns = Lateness.Concat(Bursts).Concat(Drains).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"| No timer fires before its due time (every run) | {timerRuns.Sum(r => r.Early)} early of {timerRuns.Sum(r => r.Timers):N0} | " +
                      $"{(timerRuns.Count == 0 ? "not measured" : timerRuns.Sum(r => r.Early) == 0 ? "met" : "**missed**")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Inbox p99 ≤ {GoalInboxP99Ms} ms (worse caller, all queries) | {Ms(inboxP99)} | {AtMost(inboxP99, GoalInboxP99Ms)} |");
    }

    private static string AtLeast(double value, double goal, Func<double, string> format) =>
        double.IsNaN(value) ? "not measured"
        : value >= goal ? "met" : $"**missed** by {format(goal - value)} (reached {value / goal:P0} of the goal)";

    private static string AtMost(double value, double goal) =>
        double.IsNaN(value) ? "not measured"
        : value <= goal ? "met" : $"**missed** by {Ms(value - goal)} ({value / goal:0.0}x the goal)";
}

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static IEnumerable<(string, string)> Describe()
    {
        var cpu = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "?";
        var os = Read("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            ?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;
        yield return ("CPU", $"{cpu}, {Environment.ProcessorCount} logical cores");
        yield return ("Memory", memory);
        yield return ("OS", $"{os}, kernel {Read("/proc/sys/kernel/osrelease").Trim()}");
        yield return (".NET", $"{RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, Release build");
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
