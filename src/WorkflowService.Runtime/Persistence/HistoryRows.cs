using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
        if (!Plans.TryGetValue(db.Model, out var plan))
        {
            plan = new Plan(db.Model, db.GetService<ISqlGenerationHelper>());
            Plans.AddOrUpdate(db.Model, plan);
        }
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            // The text depends only on the row count, so a step of the same shape runs an already compiled statement.
            await using var command = SqliteStatementReuse.CommandFor(db.Database.GetDbConnection(), plan.Text(chunk.Length));
            command.Transaction = transaction.GetDbTransaction();
            for (var row = 0; row < chunk.Length; row++)
            {
                var values = Values(chunk[row]);
                for (var column = 0; column < values.Length; column++)
                    command.Parameters.Add(plan.Mappings[column].CreateParameter(command, plan.ParameterName(row, column), values[column],
                        plan.Nullable[column]));
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The model's table, columns and type mappings, and the statement texts by row count, worked out once per model.</summary>
    private static readonly ConditionalWeakTable<IModel, Plan> Plans = [];

    private sealed class Plan
    {
        private readonly ISqlGenerationHelper _sql;
        private readonly string _head;
        private readonly ConcurrentDictionary<int, string> _texts = new();
        private readonly string[][] _parameterNames = new string[RowsPerCommand][];

        public Plan(IModel model, ISqlGenerationHelper sql)
        {
            _sql = sql;
            var entity = model.FindEntityType(typeof(HistoryRecord))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
            Mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
            Nullable = properties.Select(p => p.IsNullable).ToArray();
            _head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                    $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        }

        public RelationalTypeMapping[] Mappings { get; }
        public bool[] Nullable { get; }

        public string ParameterName(int row, int column) =>
            (_parameterNames[row] ??= Columns.Select((_, c) => _sql.GenerateParameterName($"p{row}_{c}")).ToArray())[column];

        public string Text(int rows) => _texts.GetOrAdd(rows, count =>
        {
            var text = new StringBuilder(_head);
            for (var row = 0; row < count; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Length; column++)
                {
                    if (column > 0) text.Append(", ");
                    text.Append(_sql.GenerateParameterNamePlaceholder($"p{row}_{column}"));
                }
                text.Append(')');
            }
            return text.ToString();
        });
    }
}
