using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>
/// A real SQLite file in a test's own folder, with the production context and provider, and the
/// schema built by the real EF Core migrations (as the service does at start-up), so every test
/// that uses it also tests the migrations. Pooling is off so the file is released (and can be
/// deleted) when the test ends.
/// </summary>
public sealed class TestDatabase
{
    private readonly DbContextOptions<SqliteWorkflowDbContext> _options;

    public TestDatabase(string folder)
    {
        FilePath = Path.Combine(folder, "workflow.db");
        _options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite($"Data Source={FilePath};Pooling=False")
            .Options;
        Factory = new WorkflowDbFactory(() => new SqliteWorkflowDbContext(_options));
        using var db = Factory.Create();
        db.Database.Migrate();
    }

    public string FilePath { get; }
    public WorkflowDbFactory Factory { get; }

    public async Task WriteAsync(Action<WorkflowDbContext> change)
    {
        await using var db = Factory.Create();
        change(db);
        await db.SaveChangesAsync();
    }

    public async Task<T> ReadAsync<T>(Func<WorkflowDbContext, Task<T>> query)
    {
        await using var db = Factory.Create();
        return await query(db);
    }
}
