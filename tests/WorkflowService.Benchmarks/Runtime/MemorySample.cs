using System.Diagnostics;
using System.Globalization;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// The process's memory at one moment: what the operating system charges it (working set, private
/// bytes) as it stands, then the same after a full blocking compacting collection, with the GC heap
/// that is left (live objects) and what the GC keeps committed for it. On Linux the working set
/// after the collection is split as the kernel counts it: anonymous memory (heaps: the GC's, SQLite's,
/// the runtime's), file-backed pages (the mapped assemblies and native libraries) and shared memory
/// (the runtime maps its JIT-compiled code twice, writable and executable, through a shared file).
/// </summary>
internal sealed record MemorySample(string Moment, long WorkingSet, long PrivateBytes, long WorkingSetAfterGc,
    long PrivateBytesAfterGc, long GcHeapAfterGc, long GcCommittedAfterGc, long ScheduledJobs, long? RssAnon, long? RssFile, long? RssShmem)
{
    public static MemorySample Take(string moment, long scheduledJobs)
    {
        using var self = Process.GetCurrentProcess();
        var workingSet = self.WorkingSet64;
        var privateBytes = self.PrivateMemorySize64;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        self.Refresh();
        return new MemorySample(moment, workingSet, privateBytes, self.WorkingSet64, self.PrivateMemorySize64,
            GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes, scheduledJobs, Status("RssAnon"), Status("RssFile"), Status("RssShmem"));
    }

    /// <summary>A "kB" line of /proc/self/status in bytes, or null where there is none.</summary>
    private static long? Status(string key)
    {
        if (!File.Exists("/proc/self/status")) return null;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public static string Header =>
        "| Moment | Hangfire scheduled jobs | working set | private bytes | working set after full GC | private bytes after full GC | of which anonymous / file-backed / shared | GC heap (live) | GC committed |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Moment} | {ScheduledJobs:N0} | **{Mb(WorkingSet)}** | {Mb(PrivateBytes)} | {Mb(WorkingSetAfterGc)} | {Mb(PrivateBytesAfterGc)} | {Mb(RssAnon)} / {Mb(RssFile)} / {Mb(RssShmem)} | {Mb(GcHeapAfterGc)} | {Mb(GcCommittedAfterGc)} |");

    public static string Mb(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0 / 1024.0:N0} MB") : "-";
}
