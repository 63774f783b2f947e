using System.Diagnostics;
using System.Globalization;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>
/// The monthly summary's workbook (<see cref="MonthlySummaryWorkbook.WriteAsync"/>, issue 13) of the loaded month, written
/// into a real file as the job and the download write it, <c>--workbook-runs</c> times (5): the time of each (median,
/// max), the file's size, and the memory the write takes — the process's working set sampled every 20 ms during it
/// minus the set before it (after a full collection), the managed heap's peak the same way, and the bytes allocated.
/// The working set is what the machine gives the process (SQLite's page cache included), the heap what .NET holds.
/// Then the read alone (<see cref="ReportOrders.ReadAsync"/> enumerated, nothing written) once, to tell reading from writing.
/// </summary>
internal static class WorkbookTiming
{
    public const double GoalSeconds = 10, GoalMegabytes = 200;

    public static async Task MeasureAsync(BenchHost host, DateOnly first, KpiFigures figures, int runs, Action<string> say)
    {
        var workbook = host.Get<MonthlySummaryWorkbook>();
        var month = ReportMonth.Of(first);
        var file = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}-{MonthlySummaryWorkbook.FileName(month, zh: false)}");
        var seconds = new List<double>();
        var workingSets = new List<double>();
        var heaps = new List<double>();
        var allocated = new List<double>();
        long size = 0;
        try
        {
            for (var i = 0; i < runs; i++)
            {
                var run = await MemoryDuring.MeasureAsync(async () =>
                {
                    await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 81_920, useAsync: true);
                    await workbook.WriteAsync(stream, month, figures, zh: true, CancellationToken.None);
                });
                size = new FileInfo(file).Length;
                seconds.Add(run.Seconds);
                workingSets.Add(run.WorkingSetMb);
                heaps.Add(run.HeapMb);
                allocated.Add(run.AllocatedMb);
                say($"  workbook run {i + 1}: {run.Describe()}, file {size / 1e6:0.0} MB; load now {Load()}");
            }
            var (ws, heap) = (workingSets.Max(), heaps.Max());
            say($"MonthlySummaryWorkbook.WriteAsync ({month}, zh, into a file), {runs} runs: median {Seconds(Stats.Median(seconds))}, max {Seconds(seconds.Max())}; " +
                $"file {size:N0} bytes ({size / 1e6:0.0} MB); peak working set over the one before: median {Mb(Stats.Median(workingSets))}, max {Mb(ws)}; " +
                $"managed heap peak over before: max {Mb(heap)}; allocated {Mb(Stats.Median(allocated))} a run " +
                $"(goal <= {GoalSeconds:0} s and <= {GoalMegabytes:0} MB: {(seconds.Max() <= GoalSeconds && ws <= GoalMegabytes ? "met" : "MISSED")}); load now {Load()}");

            var orders = host.Get<ReportOrders>();
            var days = host.Get<DepartmentDay>();
            var count = 0;
            var read = await MemoryDuring.MeasureAsync(async () =>
            {
                await foreach (var _ in orders.ReadAsync(days.StartOf(month.First), days.StartOf(month.Last.AddDays(1)))) count++;
            });
            say($"  the read alone (ReportOrders.ReadAsync, {count:N0} orders, nothing written): {read.Describe()}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();
    private static string Seconds(double s) => s.ToString("0.00", CultureInfo.InvariantCulture) + " s";
    internal static string Mb(double mb) => mb.ToString("0", CultureInfo.InvariantCulture) + " MB";
}

/// <summary>What one call took: its time, and its memory over the moment before it (working set and managed heap sampled every 20 ms).</summary>
internal sealed record MemoryRun(double Seconds, double WorkingSetMb, double HeapMb, double AllocatedMb, double Gen2Collections, double WorkingSetBeforeMb,
    double HeapBeforeMb)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds:0.00} s, working set +{WorkbookTiming.Mb(WorkingSetMb)} (from {WorkbookTiming.Mb(WorkingSetBeforeMb)}), managed heap " +
        $"+{WorkbookTiming.Mb(HeapMb)} (from {WorkbookTiming.Mb(HeapBeforeMb)}), allocated {WorkbookTiming.Mb(AllocatedMb)}, gen-2 collections {Gen2Collections}");
}

internal static class MemoryDuring
{
    private const double Mb = 1024 * 1024;

    public static async Task<MemoryRun> MeasureAsync(Func<Task> work)
    {
        // Aggressive: the collection also gives the freed heap back to the system, so memory the run before (or the KPIs,
        // or the devices' top-up) left committed is not counted in "before" and then reused for free by this run.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (setBefore, heapBefore) = (process.WorkingSet64, GC.GetTotalMemory(false));
        var (allocatedBefore, gen2Before) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(2));
        long setPeak = setBefore, heapPeak = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            using var self = Process.GetCurrentProcess();
            try
            {
                while (await tick.WaitForNextTickAsync(stop.Token))
                {
                    self.Refresh();
                    setPeak = Math.Max(setPeak, self.WorkingSet64);
                    heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var clock = Stopwatch.StartNew();
        await work();
        var elapsed = clock.Elapsed.TotalSeconds;
        // The last moment too: a peak at the very end falls between two samples otherwise.
        process.Refresh();
        await stop.CancelAsync();
        await sampler;
        setPeak = Math.Max(setPeak, process.WorkingSet64);
        heapPeak = Math.Max(heapPeak, Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes));
        return new MemoryRun(elapsed, (setPeak - setBefore) / Mb, (heapPeak - heapBefore) / Mb,
            (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Mb, GC.CollectionCount(2) - gen2Before, setBefore / Mb, heapBefore / Mb);
    }
}
