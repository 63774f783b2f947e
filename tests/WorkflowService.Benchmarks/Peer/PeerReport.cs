using System.Globalization;
using System.Text;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Peer;

/// <summary>One engine on one storage: its rounds' rates, or why it could not run.</summary>
internal sealed class PeerRow(string engine, string storage)
{
    public string Engine { get; } = engine;
    public string Storage { get; } = storage;
    public List<double> StartsOne { get; } = [];
    public List<double> StartsMany { get; } = [];
    public List<double> Events { get; } = [];
    public List<double> RoundSeconds { get; } = [];
    public string? Failure { get; set; }
    public TimeSpan Wall { get; set; }

    public bool Measured => Failure is null && Events.Count > 0;

    public void Add(double startsOne, double startsMany, double events, TimeSpan round)
    {
        StartsOne.Add(startsOne);
        StartsMany.Add(startsMany);
        Events.Add(events);
        RoundSeconds.Add(round.TotalSeconds);
    }
}

/// <summary>The peer suite's markdown: one row per engine and storage, medians of the rounds, ours ÷ WorkflowCore.</summary>
internal sealed class PeerReport(PeerOptions options)
{
    private readonly List<PeerRow> _rows = [];

    public DateTimeOffset StartedAt { get; init; }
    public TimeSpan Wall { get; set; }
    public string Load { get; set; } = "not available";

    public PeerRow Row(string engine, string storage)
    {
        var row = new PeerRow(engine, storage);
        _rows.Add(row);
        return row;
    }

    public string ToMarkdown()
    {
        var peer = _rows.FirstOrDefault(r => r.Engine.StartsWith("WorkflowCore", StringComparison.Ordinal) && r.Measured);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Peer side by side — {StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Workload on every engine: start → wait for an event correlated by a key → resume → end. Per round: {options.Instances:N0} starts on 1 caller, " +
            $"{options.Instances:N0} on 8 concurrent callers, then the event to all {2 * options.Instances:N0} on 8 callers; a batch ends when every instance " +
            $"has reached the wait (starts) or ended (events), not when the calls returned. Medians of {options.Rounds} round(s) after a dropped warm-up round.");
        md.AppendLine();
        md.AppendLine("| engine | storage | starts/s, 1 caller | starts/s, 8 callers | events/s, 8 callers | round wall (s) | engine wall (s) | ours ÷ WorkflowCore (starts 1 / starts 8 / events) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in _rows)
        {
            if (!row.Measured)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Engine} | {row.Storage} | not run | | | | {row.Wall.TotalSeconds:0.0} | {row.Failure ?? "no round finished"} |");
                continue;
            }
            var ratio = peer is null || ReferenceEquals(row, peer) ? "—"
                : $"{Ratio(row.StartsOne, peer.StartsOne)} / {Ratio(row.StartsMany, peer.StartsMany)} / {Ratio(row.Events, peer.Events)}";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Engine} | {row.Storage} | {Rate(row.StartsOne)} | {Rate(row.StartsMany)} | {Rate(row.Events)} | " +
                $"{Stats.Median(row.RoundSeconds):0.00} | {row.Wall.TotalSeconds:0.0} | {ratio} |");
        }
        md.AppendLine();
        md.AppendLine("Rates are the median with the rounds' range in brackets. Round wall: one round's two start batches and its events; " +
                      "engine wall: that engine's host start-up, warm-up and rounds.");
        md.AppendLine("WorkflowCore runs on its in-memory persistence (its SQLite persistence package is not served here), with its default " +
                      "single-node queue and lock providers; ours is the whole service in-process (BenchHost) with production settings.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Whole run: {Wall.TotalSeconds:0.0} s. Load average (1 min) during the run: {Load}.");
        return md.ToString();
    }

    private static string Rate(List<double> samples) => samples.Count == 1
        ? Stats.N0(samples[0])
        : $"{Stats.N0(Stats.Median(samples))} ({Stats.N0(samples.Min())}–{Stats.N0(samples.Max())})";

    private static string Ratio(List<double> ours, List<double> theirs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(ours) / Stats.Median(theirs):0.00}×");
}
