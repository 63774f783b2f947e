using System.Diagnostics;
using System.Globalization;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Benchmarks.Support;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Benchmarks.Calendars;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- calendar [--samples N]</c>: due-date arithmetic
/// in the shipped <c>default</c> calendar (Asia/Shanghai, China's 2025–2026 schedule). The budget is a
/// median of 5 µs for a 10-working-day duration. A Stopwatch harness, not BenchmarkDotNet: each sample times a
/// batch over starts spread through 2026 (working hours, nights, weekends, holidays) and divides by the batch,
/// because one call is far below the Stopwatch's resolution; the median of the samples is the number to quote.
/// </summary>
internal static class CalendarSuite
{
    private const int Batch = 1_000;
    private const double BudgetMicroseconds = 5;

    public static int Run(IReadOnlyList<string> args)
    {
        var samples = args is ["--samples", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 300;
        var calendar = WorkingCalendar.Create(
            CalendarJson.Parse(File.ReadAllText(RepositoryRoot.PathOf("workflows/calendars/default.json"))), "Asia/Shanghai");
        var starts = Starts();
        var tenDays = IsoDuration.Parse("P10D");
        var fortyHours = IsoDuration.Parse("PT40H");

        var cases = new (string Name, Func<DateTimeOffset, long> Operation)[]
        {
            ("Add(P10D)", start => calendar.Add(start, tenDays).UtcTicks),
            ("Add(PT40H)", start => calendar.Add(start, fortyHours).UtcTicks),
            ("WorkingTimeBetween over 10 days", start => calendar.WorkingTimeBetween(start, start.AddDays(10)).Ticks),
        };

        Console.WriteLine($"calendar 'default' ({calendar.Zone.Id}), {samples} samples of {Batch} calls, starts spread through 2026");
        Console.WriteLine();
        Console.WriteLine("| operation | median µs | p10 µs | p90 µs |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var medianOfTenDays = 0.0;
        foreach (var (name, operation) in cases)
        {
            var perCall = Measure(operation, starts, samples);
            var median = Stats.Median(perCall);
            if (name == "Add(P10D)") medianOfTenDays = median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:0.000} | {Stats.Percentile(perCall, 10):0.000} | {Stats.Percentile(perCall, 90):0.000} |"));
        }
        Console.WriteLine();
        var verdict = medianOfTenDays <= BudgetMicroseconds ? "within" : "OVER";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Add(P10D) median {medianOfTenDays:0.000} µs: {verdict} the {BudgetMicroseconds} µs budget"));
        return 0;
    }

    private static List<double> Measure(Func<DateTimeOffset, long> operation, DateTimeOffset[] starts, int samples)
    {
        long sink = 0;
        // Warm-up: past tiered compilation (30 calls, then the background re-JIT) before the first sample.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.ElapsedMilliseconds < 500 || i < 50_000; i++) sink += operation(starts[i % starts.Length]);

        var perCall = new List<double>(samples);
        var next = 0;
        for (var s = 0; s < samples; s++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Batch; i++)
            {
                sink += operation(starts[next]);
                next = (next + 1) % starts.Length;
            }
            watch.Stop();
            perCall.Add(watch.Elapsed.TotalMicroseconds / Batch);
        }
        GC.KeepAlive(sink);
        return perCall;
    }

    /// <summary>Minutes through 2026 (fixed seed), so the sums meet weekends, nights and both holiday seasons.</summary>
    private static DateTimeOffset[] Starts()
    {
        var random = new Random(2026);
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        return [.. Enumerable.Range(0, 4_096).Select(_ => year.AddMinutes(random.Next(0, 350 * 24 * 60)))];
    }
}
