using System.Diagnostics;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>One measured batch: how many operations, how long, and each operation's latency.</summary>
internal sealed record Throughput(int Operations, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);

    /// <summary>
    /// The process's CPU time (all threads: callers, the write lane, Hangfire, GC) per operation: unlike the rate, it hardly
    /// moves with other load on the machine, so it shows a change's effect on a busy machine too.
    /// </summary>
    public double CpuMsPerOperation { get; init; }

    /// <summary>Time every thread of the process stood still for garbage collections, per operation.</summary>
    public double GcPauseMsPerOperation { get; init; }

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
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
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
        var elapsed = clock.Elapsed;
        return new Throughput(operations, elapsed, latencies)
        {
            CpuMsPerOperation = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / operations,
            GcPauseMsPerOperation = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / operations,
        };
    }
}
