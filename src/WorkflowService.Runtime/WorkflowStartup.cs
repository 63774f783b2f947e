using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime;

/// <summary>
/// Brings the database to the current schema (EF Core migrations), seeds the business calendars, deploys the workflows
/// folder and fills in milestones the database has no rows of yet, before anything else starts: registered first, so the Hangfire server and the timer
/// sweeper start only once this has finished.
/// </summary>
public sealed class WorkflowStartup(
    WorkflowDbFactory dbFactory,
    DefinitionService definitions,
    Calendars.CalendarSeeding calendars,
    IOptions<StorageOptions> storage,
    IOptions<WorkflowsOptions> workflows,
    WorkflowsLocation location,
    Milestones.MilestoneBuilder milestones,
    ILogger<WorkflowStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes starting together on one PostgreSQL database take turns: EF Core migrations are
        // not safe to run twice at once (a second node would re-run a step the first just did).
        await using var oneNodeAtATime = await ClusterLock.AcquireAsync(dbFactory, "schema-and-deployment", cancellationToken);
        await using (var db = dbFactory.Create())
        {
            if (storage.Value.Provider == StorageProvider.Sqlite)
            {
                Directory.CreateDirectory(storage.Value.DataPath);
                await db.Database.OpenConnectionAsync(cancellationToken);
                // WAL lets readers work while one writer commits; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.ApplyingMigrations(pending.Count, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        // Before the deployment: the shipped processes count in calendar default.
        await calendars.SeedAsync(cancellationToken);
        if (workflows.Value.DeployOnStartup) await definitions.DeployDirectoryAsync(location.Directory, cancellationToken);
        // Under the lock too: two nodes would build the same rows (the second would find them and skip them, slowly).
        await milestones.BackfillAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the workflows folder is: configured, or the repository's <c>workflows/</c> found upwards.</summary>
public sealed class WorkflowsLocation(string directory)
{
    public string Directory { get; } = directory;

    public string Templates => Path.Combine(Directory, "templates");

    public static WorkflowsLocation Resolve(string? configured, string contentRoot)
    {
        if (configured is { Length: > 0 }) return new WorkflowsLocation(Path.GetFullPath(configured, contentRoot));
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WorkflowService.sln")) &&
                    System.IO.Directory.Exists(Path.Combine(dir.FullName, "workflows")))
                    return new WorkflowsLocation(Path.Combine(dir.FullName, "workflows"));
            }
        }
        return new WorkflowsLocation(Path.Combine(contentRoot, "workflows"));
    }
}
