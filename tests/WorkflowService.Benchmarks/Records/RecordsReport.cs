using System.Globalization;
using System.Text;
using WorkflowService.Benchmarks.Runtime;
using static WorkflowService.Benchmarks.Runtime.Stats;

namespace WorkflowService.Benchmarks.Records;

/// <summary>The records benchmark's one table, with the machine, the load it ran under and the issue's goals.</summary>
internal sealed class RecordsReport(RecordsOptions options)
{
    private const double GoalSearchP99Ms = 50;
    private const double GoalOrdersPerSecond = 500;

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string Load { get; set; } = "";
    public string Loading { get; set; } = "";

    /// <summary>Each search measurement, with the median number of customers a search found (NaN: not counted).</summary>
    public List<(string What, Throughput Run, double MedianHits)> Searches { get; } = [];
    public List<(string What, Throughput Run)> Opens { get; } = [];
    public List<string> Plans { get; } = [];
    public string GramTable { get; set; } = "";
    public List<string> Differing { get; } = [];

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Records benchmark, {StartedAt:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine("| | |\n|---|---|");
        foreach (var (key, value) in MachineInfo.Describe()) md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Run | {StartedAt:yyyy-MM-dd HH:mm}–{FinishedAt:HH:mm} UTC |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Load average (1 min) during the run | {Load} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Records | {Loading} |");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| Options | {options.Queries:N0} searches of each kind, one caller; order opening {options.OpenFor.TotalSeconds:0} s per run |");
        md.AppendLine();
        md.AppendLine("| Measurement | Count | Median | p95 | p99 | Max | Rate | Goal |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (what, run, hits) in Searches)
        {
            var verdict = run.P99 <= GoalSearchP99Ms ? "met" : "**missed**";
            var found = double.IsNaN(hits) ? "" : $" (median {hits:0} found)";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {what}{found} | {run.Operations:N0} | {Ms(run.P50)} | {Ms(Percentile(run.LatenciesMs, 95))} | {Ms(run.P99)} | {Ms(Percentile(run.LatenciesMs, 100))} | {N0(run.PerSecond)}/s | p99 ≤ {GoalSearchP99Ms} ms: {verdict} |");
        }
        foreach (var (what, run) in Opens)
        {
            var verdict = run.PerSecond >= GoalOrdersPerSecond ? "met" : "**missed**";
            var goal = what.StartsWith("Open", StringComparison.Ordinal) ? $"≥ {GoalOrdersPerSecond} orders/s: {verdict}" : "-";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {what} | {run.Operations:N0} | {Ms(run.P50)} | {Ms(Percentile(run.LatenciesMs, 95))} | {Ms(run.P99)} | {Ms(Percentile(run.LatenciesMs, 100))} | **{N0(run.PerSecond)}/s** | {goal} |");
        }
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The {GramTable}; {string.Join("; ", Differing)}.");
        md.AppendLine();
        md.AppendLine("SQLite's plans of the old scan and of SearchAsync (first phone and name fragment):");
        md.AppendLine();
        foreach (var plan in Plans) md.AppendLine(CultureInfo.InvariantCulture, $"- `{plan}`");
        return md.ToString();
    }
}
