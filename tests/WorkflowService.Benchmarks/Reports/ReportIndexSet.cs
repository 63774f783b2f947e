using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>
/// Indexes of the database as its migrations made them (name and the statement that makes it, read from the catalog), to
/// drop for the "before" figures and make again in the same run.
/// </summary>
internal sealed class ReportIndexSet(List<(string Name, string Sql)> indexes)
{
    public int Count => indexes.Count;
    public IEnumerable<string> Names => indexes.Select(i => i.Name);

    public static async Task<ReportIndexSet> ReadAsync(BenchHost host, IReadOnlyCollection<string> names)
    {
        await using var db = host.Db();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sqlite
            ? "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            : "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()";
        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (names.Contains(reader.GetString(0))) found.Add((reader.GetString(0), reader.GetString(1)));
        return new ReportIndexSet(found);
    }

    public async Task DropAsync(BenchHost host)
    {
        await using var db = host.Db();
        foreach (var (name, _) in indexes) await BulkRows.ExecuteAsync(db, $"DROP INDEX \"{name}\"");
    }

    public async Task CreateAsync(BenchHost host)
    {
        await using var db = host.Db();
        foreach (var (_, sql) in indexes) await BulkRows.ExecuteAsync(db, sql);
    }
}
