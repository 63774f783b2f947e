using System.Diagnostics;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Http;

/// <summary>What one call of a cell's operation came to.</summary>
internal enum Outcome { Done, Failed, NothingLeft }

/// <summary>One measured cell: requests that succeeded and failed, the time, each successful request's latency.</summary>
internal sealed record CellResult(int Succeeded, int Failed, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);
}

/// <summary>
/// <paramref name="loops"/> concurrent loops, each calling the operation again as soon as its last call answered, for a
/// fixed time — closed-loop load, as <c>wrk -c 16</c> gives with one request in flight per keep-alive connection. A cell
/// whose work runs out (completions of a finite list of tasks) ends early; its clock stops when the last loop does.
/// </summary>
internal static class LoadLoops
{
    public static async Task<CellResult> RunAsync(int loops, TimeSpan duration, Func<Task<Outcome>> operation)
    {
        var latencies = new List<double>[loops];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var mine = latencies[loop] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await operation();
                if (outcome == Outcome.NothingLeft) return;
                if (outcome == Outcome.Failed) Interlocked.Increment(ref failed);
                else mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        return new CellResult(all.Length, failed, elapsed, all);
    }
}
