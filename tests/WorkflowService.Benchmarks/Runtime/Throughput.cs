using System.Diagnostics;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>One measured batch: how many operations, how long, and each operation's latency.</summary>
internal sealed record Throughput(int Operations, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);

    /// <summary>Units per commit while it ran (steps of a write batch), when measured.</summary>
    public double? BatchSize { get; init; }

    /// <summary>The rate in rows when each operation wrote <paramref name="rows"/> rows (latencies stay per operation).</summary>
    public Throughput TimesRows(int rows) => this with { Operations = Operations * rows };

    /// <summary>
    /// Runs <paramref name="operations"/> calls of <paramref name="operation"/> (given the call's
    /// index) on <paramref name="callers"/> concurrent loops that share one counter, as that many
    /// users or API requests would. The clock covers the whole batch, so throughput includes any
    /// time callers spend waiting for each other.
    /// </summary>
    public static async Task<Throughput> MeasureAsync(int operations, int callers, Func<int, Task> operation)
    {
        var latencies = new double[operations];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return new Throughput(operations, clock.Elapsed, latencies);
    }
}
