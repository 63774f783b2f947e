using Microsoft.EntityFrameworkCore;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>
/// The database's plan of a captured command: SQLite's <c>EXPLAIN QUERY PLAN</c> (its detail column, indented by
/// depth) or PostgreSQL's <c>EXPLAIN</c>, with the command's own parameters.
/// </summary>
internal static class QueryPlans
{
    public static async Task<List<string>> ExplainAsync(BenchHost host, CapturedCommand captured)
    {
        await using var db = host.Db();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + captured.Sql;
        foreach (var (name, value, type) in captured.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (type != System.Data.DbType.Object) parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        var depth = new Dictionary<long, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!sqlite)
            {
                lines.Add(reader.GetString(0));
                continue;
            }
            // id, parent, notused, detail: indent each step under its parent.
            var level = depth.TryGetValue(reader.GetInt64(1), out var parent) ? parent + 1 : 0;
            depth[reader.GetInt64(0)] = level;
            lines.Add(new string(' ', 2 * level) + reader.GetString(3));
        }
        return lines;
    }
}
