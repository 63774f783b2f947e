using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Writes a step's history rows as multi-row <c>INSERT</c>s in the step's transaction. EF Core sends
/// one command per added row (the SQLite provider does not batch, and the generated key is read
/// back each time), and history is most of a step's rows: every element entered and left. Nothing
/// reads a history row's key in the step, so the rows go in one command, in order, which keeps
/// their keys in event order. Table, columns and value conversions come from the EF model, so
/// this stays in step with the mapping on both providers.
/// </summary>
internal static class HistoryRows
{
    /// <summary>Rows per command: 8 parameters each, well under SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerCommand = 500;

    private static readonly string[] Columns =
    [
        nameof(HistoryRecord.InstanceId), nameof(HistoryRecord.ElementId), nameof(HistoryRecord.ElementName),
        nameof(HistoryRecord.Event), nameof(HistoryRecord.TokenId), nameof(HistoryRecord.At),
        nameof(HistoryRecord.By), nameof(HistoryRecord.Detail),
    ];

    private static object?[] Values(HistoryRecord h) =>
        [h.InstanceId, h.ElementId, h.ElementName, h.Event, h.TokenId, h.At, h.By, h.Detail];

    /// <summary>Inserts <paramref name="rows"/> in order; the context must be in the step's transaction.</summary>
    public static async Task InsertAsync(WorkflowDbContext db, IReadOnlyList<HistoryRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction
                          ?? throw new InvalidOperationException("History rows are written inside a step's transaction");
        var entity = db.Model.FindEntityType(typeof(HistoryRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";

        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var text = new StringBuilder(head);
            for (var row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                var values = Values(chunk[row]);
                for (var column = 0; column < values.Length; column++)
                {
                    var name = $"p{row}_{column}";
                    if (column > 0) text.Append(", ");
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                    command.Parameters.Add(mappings[column].CreateParameter(command, sql.GenerateParameterName(name), values[column],
                        properties[column].IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
