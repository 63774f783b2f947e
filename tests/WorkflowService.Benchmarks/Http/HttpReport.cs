using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Http;

/// <summary>The markdown of an <c>http</c> run: per cell the median of the rounds, their range, latencies, failures.</summary>
internal sealed class HttpReport(HttpOptions options)
{
    private readonly List<(string Name, List<CellResult> Rounds)> _cells = [];
    private readonly List<(string Name, List<WrkResult> Rounds)> _wrk = [];
    private int _ranOut;

    /// <summary>How the <c>wrk</c> cells ran, or why they did not.</summary>
    public string Wrk { get; set; } = "not run";

    public void AddWrk(string name, WrkResult result)
    {
        var cell = _wrk.FirstOrDefault(c => c.Name == name);
        if (cell.Rounds is null) _wrk.Add(cell = (name, []));
        cell.Rounds.Add(result);
    }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string Load { get; set; } = "not available";
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";

    public void Add(string name, CellResult result, TimeSpan duration)
    {
        var cell = _cells.FirstOrDefault(c => c.Name == name);
        if (cell.Rounds is null) _cells.Add(cell = (name, []));
        cell.Rounds.Add(result);
        if (result.Elapsed < duration) _ranOut++;
    }

    private double Rate(string name) =>
        _cells.FirstOrDefault(c => c.Name == name).Rounds is { } rounds ? Stats.Median(rounds.Select(r => r.PerSecond)) : double.NaN;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"## HTTP run {StartedAt:yyyy-MM-dd HH:mm}–{FinishedAt:HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(inv, $"- {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        md.AppendLine(inv, $"- load average (1/5/15 min) before {LoadBefore}, after {LoadAfter}; 1-minute load during the run {Load}");
        md.AppendLine(inv, $"- {options.Connections} keep-alive connections, one closed loop each, from the same process; " +
                           $"{options.Rounds} rounds of {options.Cell.TotalSeconds:0} s per cell after a warm-up round of {options.WarmUp.TotalSeconds:0} s");
        if (options.Settings.Count > 0)
            md.AppendLine(inv, $"- settings: {string.Join(", ", options.Settings.Select(s => $"{s.Key}={s.Value}"))}");
        md.AppendLine();
        md.AppendLine("| cell | requests/s (median) | range of the rounds | p50 | p99 | failed |");
        md.AppendLine("|---|---:|---|---:|---:|---:|");
        foreach (var (name, rounds) in _cells)
        {
            md.AppendLine(inv, $"| {name} | {Stats.N0(Stats.Median(rounds.Select(r => r.PerSecond)))} | " +
                               $"{Stats.Range(rounds.Select(r => r.PerSecond), Stats.N0)} | {Stats.Ms(Stats.Median(rounds.Select(r => r.P50)))} | " +
                               $"{Stats.Ms(Stats.Median(rounds.Select(r => r.P99)))} | {rounds.Sum(r => r.Failed)} |");
        }
        foreach (var (name, rounds) in _wrk)
        {
            md.AppendLine(inv, $"| {name} | {Stats.N0(Stats.Median(rounds.Select(r => r.PerSecond)))} | " +
                               $"{Stats.Range(rounds.Select(r => r.PerSecond), Stats.N0)} | {Stats.Ms(Stats.Median(rounds.Select(r => r.P50)))} | " +
                               $"{Stats.Ms(Stats.Median(rounds.Select(r => r.P99)))} | {rounds.Sum(r => r.Failed)} |");
        }
        md.AppendLine();
        md.AppendLine(inv, $"wrk: {Wrk}.");
        if (_ranOut > 0) md.AppendLine(inv, $"{_ranOut} completion cell(s) ran out of tasks before their time was up (rates are over the time they ran).");
        // Where the cores are the limit, 1/rate is the machine time one call costs; the difference is what the one adds.
        // Where the write turn is the limit (the steps), the rates simply compare. A line needs both of its cells.
        void Compare(string what, string with, string without)
        {
            if (double.IsNaN(Rate(with)) || double.IsNaN(Rate(without))) return;
            md.AppendLine(inv, $"- {what}: {(1 / Rate(with) - 1 / Rate(without)) * 1e6:N0} µs per call (1/rate difference), " +
                               $"rate {Rate(with) / Rate(without):P0} of the rate without");
        }
        Compare("a REST start beyond the in-process start", "REST start", "in-process start");
        Compare("a REST completion beyond the in-process completion", "REST completion", "in-process completion");
        Compare("the bearer token and access gate", "bearer token + access gate, empty", "empty endpoint (benchmark host only)");
        Compare("the caller's groups", "bearer + gate + caller's groups, empty", "bearer token + access gate, empty");
        var goals = new List<string>();
        if (!double.IsNaN(Rate("REST start"))) goals.Add($"starts ≥ 2,000/s — {Verdict(Rate("REST start"), 2000)}");
        if (!double.IsNaN(Rate("REST completion"))) goals.Add($"completions ≥ 1,000/s — {Verdict(Rate("REST completion"), 1000)}");
        if (goals.Count > 0) md.AppendLine(inv, $"- goals (16 connections): {string.Join("; ", goals)}");
        return md.ToString();
    }

    private static string Verdict(double rate, double goal) =>
        rate >= goal ? $"met ({Stats.N0(rate)}/s)" : $"missed ({Stats.N0(rate)}/s, {rate / goal:P0} of the goal)";
}
