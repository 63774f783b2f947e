using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Http;

/// <summary>The markdown of an <c>http</c> run: per cell the median of the rounds, their range, latencies, failures.</summary>
internal sealed class HttpReport(HttpOptions options)
{
    private readonly List<(string Name, List<CellResult> Rounds)> _cells = [];
    private int _ranOut;

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
        md.AppendLine();
        if (_ranOut > 0) md.AppendLine(inv, $"{_ranOut} completion cell(s) ran out of tasks before their time was up (rates are over the time they ran).");
        // With the cores saturated, 1/rate is the machine time one request costs; the difference is what REST adds.
        string Extra(string with, string without) =>
            string.Create(inv, $"{(1 / Rate(with) - 1 / Rate(without)) * 1e6:N0} µs of machine time per call (rate {Rate(with) / Rate(without):P0} of the rate without)");
        md.AppendLine(inv, $"- a REST start pays {Extra("REST start", "in-process start")} beyond the in-process start");
        md.AppendLine(inv, $"- a REST completion pays {Extra("REST completion", "in-process completion")} beyond the in-process completion");
        md.AppendLine(inv, $"- the bearer token and access gate cost {Extra("bearer token + access gate, empty", "empty endpoint (benchmark host only)")}; " +
                           $"the caller's groups {Extra("bearer + gate + caller's groups, empty", "bearer token + access gate, empty")}");
        md.AppendLine(inv, $"- goals (16 connections): starts ≥ 2,000/s — {Verdict(Rate("REST start"), 2000)}; " +
                           $"completions ≥ 1,000/s — {Verdict(Rate("REST completion"), 1000)}");
        return md.ToString();
    }

    private static string Verdict(double rate, double goal) =>
        rate >= goal ? $"met ({Stats.N0(rate)}/s)" : $"missed ({Stats.N0(rate)}/s, {rate / goal:P0} of the goal)";
}
