using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// <c>runtime --sql</c>: the SQL EF Core sends for one start and one completion (after one of each
/// to warm up), with the time of each command, to see the round trips of a step without a
/// profiler. With <c>--population N</c> the database is seeded first, as for the measurements.
/// </summary>
internal static class SqlTrace
{
    public static async Task RunAsync(string folder, int population)
    {
        if (population > 0)
        {
            await using var seeding = await BenchHost.StartAsync(folder);
            await PopulationSeeder.SeedAsync(seeding, population);
        }
        await using var host = await BenchHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        var work = new RepairWork(host);
        foreach (var pass in new[] { "warm-up", "traced" })
        {
            await Marker($"{pass}: start");
            var id = await work.StartAsync($"sql-{pass}");
            Guid task;
            await using (var db = host.Db())
                task = await db.Tasks.Where(t => t.InstanceId == id && t.Status == UserTaskStatus.Open).Select(t => t.Id).SingleAsync();
            await Marker($"{pass}: complete acceptRequest");
            await work.CompleteAcceptAsync(task);
            await Marker($"{pass}: done");
        }
    }

    /// <summary>The console logger writes on its own thread: let it catch up so markers fall between the right lines.</summary>
    private static async Task Marker(string text)
    {
        await Task.Delay(300);
        Console.WriteLine($"===== {text} =====");
    }
}
