using System.Diagnostics;
using System.Globalization;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;

namespace WorkflowService.Benchmarks.Calendars;

/// <summary>
/// <c>dotnet run -c Release --project tests/WorkflowService.Benchmarks -- calendar-edit [--timers N] [--runs R]</c>:
/// an admin saves a calendar while N timers (default 100,000) wait in it, on the whole service with a SQLite
/// file (WAL). Each run adds a holiday (every timer moves later) or takes it back (every timer moves earlier and
/// needs a job of its own), through <see cref="CalendarStore.SaveAsync"/> as the admin page does: the time is from
/// the save until the last timer has its new due time. The issue's budget is 30 s for 100,000 timers.
/// </summary>
internal static class RecomputeSuite
{
    private const double BudgetSeconds = 30;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var timers = Option(args, "--timers", 100_000);
        var runs = Option(args, "--runs", 3);
        var folder = TempFolder.Create();
        await using var host = await BenchHost.StartAsync(folder);
        var store = host.Get<CalendarStore>();
        var name = "bench";
        // Well ahead, so no timer falls due (and fires) while the benchmark runs.
        var monday = DateTime.UtcNow.Date.AddDays(60);
        while (monday.DayOfWeek != DayOfWeek.Monday) monday = monday.AddDays(1);
        var start = new DateTimeOffset(monday, TimeSpan.Zero).AddHours(1); // Monday 09:00 in Shanghai
        var holiday = DateOnly.FromDateTime(monday).AddDays(2); // that Wednesday
        var plain = Definition(name);
        var saved = await store.SaveAsync("bench", plain, null, default);
        await SeedAsync(host, name, start, timers);
        Console.WriteLine($"calendar-edit: {timers:N0} pending timers counting P5D..P14D in calendar '{name}' from {start:yyyy-MM-dd}, SQLite file");
        Console.WriteLine();
        Console.WriteLine("| run | edit | seconds | timers moved |");
        Console.WriteLine("|---|---|---|---|");

        var seconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var addHoliday = run % 2 == 1;
            var definition = addHoliday ? plain with { Exceptions = [new CalendarDay(holiday, false, "bench holiday")] } : plain;
            var before = DueTimes(host, name);
            var watch = Stopwatch.StartNew();
            saved = await store.SaveAsync("bench", definition, saved.Version, default);
            watch.Stop();
            seconds.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"| {run} | {(addHoliday ? "holiday added (later)" : "holiday removed (earlier)")} | {watch.Elapsed.TotalSeconds:F2} | {Changed(before, DueTimes(host, name)):N0} |");
        }
        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        Console.WriteLine();
        Console.WriteLine($"median {median:F2} s for {timers:N0} timers: {(median <= BudgetSeconds ? "within" : "OVER")} the {BudgetSeconds} s budget");
        return 0;
    }

    private static CalendarDefinition Definition(string name) => new() { Name = name, TimeZone = "Asia/Shanghai" };

    /// <summary>Timer rows as steps write them (instances are not needed: re-computing reads only the timers).</summary>
    private static async Task SeedAsync(BenchHost host, string calendar, DateTimeOffset start, int count)
    {
        var working = WorkingCalendar.Create(Definition(calendar), "Asia/Shanghai");
        for (var done = 0; done < count;)
        {
            await using var db = host.Db();
            var batch = Math.Min(10_000, count - done);
            for (var i = 0; i < batch; i++, done++)
            {
                var from = start.AddMinutes(done % 600);
                var span = WorkflowService.Engine.Timers.IsoDuration.Parse($"P{5 + done % 10}D");
                db.Timers.Add(new TimerRecord
                {
                    Id = Guid.CreateVersion7(from), InstanceId = Guid.CreateVersion7(from), SubscriptionId = 1, ElementId = "late",
                    DueAt = working.Add(from, span), SlaRule = "bench", Status = TimerStatus.Pending, Calendar = calendar,
                    CountFrom = from, Span = span.ToString(),
                });
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Every timer's due time, read outside the timed save, to count how many the edit moved.</summary>
    private static Dictionary<Guid, DateTimeOffset> DueTimes(BenchHost host, string calendar)
    {
        using var db = host.Db();
        return db.Timers.Where(t => t.Calendar == calendar).Select(t => new { t.Id, t.DueAt }).ToDictionary(t => t.Id, t => t.DueAt);
    }

    private static int Changed(Dictionary<Guid, DateTimeOffset> before, Dictionary<Guid, DateTimeOffset> after) =>
        after.Count(a => before.TryGetValue(a.Key, out var due) && due != a.Value);

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
            if (args[i] == name) return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        return fallback;
    }
}
