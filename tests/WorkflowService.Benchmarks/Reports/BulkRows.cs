using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>
/// Writes entities as multi-row <c>INSERT</c>s on the context's connection, hundreds of rows a statement: the load of
/// the reports suite writes millions of rows, which EF Core's change tracker would take many minutes over. The columns
/// and the values' storage form come from the context's model (each property's type mapping makes its parameter, with
/// its value converter), so the rows are what EF Core itself would write, on SQLite and PostgreSQL alike. Keys the
/// database generates (history and breach ids) are left to it.
/// </summary>
internal static class BulkRows
{
    /// <summary>
    /// Microsoft.Data.Sqlite binds each named parameter by asking SQLite for its index, a linear search: a statement of
    /// n parameters costs n² there, so SQLite gets short statements. Npgsql sends parameters by position: long ones.
    /// </summary>
    private static int ParametersPerStatement(DbContext db) => db.Database.IsSqlite() ? 600 : 30_000;
    private const int RowsPerStatement = 1_000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Integer keys generated on add are the database's (identity, rowid); Guid keys generated on add are EF Core's, set here.
        var properties = entity.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType == typeof(long) || p.ClrType == typeof(int) && p.IsPrimaryKey()))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var perStatement = Math.Max(1, Math.Min(RowsPerStatement, ParametersPerStatement(db) / properties.Count));

        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var values = new List<string>(chunk.Length);
                var n = 0;
                foreach (var row in chunk)
                {
                    var names = new string[properties.Count];
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var name = names[c] = $"@p{n++}";
                        command.Parameters.Add(mappings[c].CreateParameter(command, name, getters[c].GetClrValueUsingContainingEntity(row),
                            properties[c].IsNullable));
                    }
                    values.Add($"({string.Join(", ", names)})");
                }
                command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES {string.Join(", ", values)}";
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs a statement on the context's connection (the plans' before and after drop and create indexes).</summary>
    public static async Task ExecuteAsync(DbContext db, string statement)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = statement;
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
