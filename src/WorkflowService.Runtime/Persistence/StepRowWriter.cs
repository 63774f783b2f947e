using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Writes a step's changed rows on SQLite with one kept statement per table and change (<see cref="SqliteStatementReuse"/>)
/// instead of EF Core's SaveChanges, whose update pipeline (command batching, ordering, a command object and a data reader
/// per row, reading back what nothing needs) was half of a start's time in the write lane. It writes what SaveChanges
/// would: every column of an added row, the changed columns of a modified one, with the concurrency tokens' original
/// values in the WHERE (a row that moved is a <see cref="DbUpdateConcurrencyException"/>, retried as before), principals
/// before their dependents and deletions in the reverse order; then it accepts the changes as SaveChanges does. Anything
/// else — another provider, an entity type outside the step's tables, a value the database generates — goes through
/// SaveChanges unchanged.
/// </summary>
internal static class StepRowWriter
{
    /// <summary>The tables a step writes; their keys are made by the runtime, and no interceptor watches them.</summary>
    private static readonly HashSet<Type> StepTables =
    [
        typeof(InstanceRecord), typeof(TaskRecord), typeof(TaskCandidate), typeof(TimerRecord), typeof(MessageSubscriptionRecord),
        typeof(ExternalTaskRecord), typeof(MilestoneRecord), typeof(OutboxMessage),
    ];

    private static readonly ConditionalWeakTable<IModel, ModelPlan> Plans = [];

    public static async Task SaveAsync(WorkflowDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection || db.Database.CurrentTransaction is not { } transaction)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return;
        if (!Plans.TryGetValue(db.Model, out var plan))
        {
            plan = new ModelPlan(db.Model, db.GetService<ISqlGenerationHelper>());
            Plans.AddOrUpdate(db.Model, plan);
        }
        if (!changed.TrueForAll(e => plan.Writes(e.Metadata)) || Replaced(changed))
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var ordered = changed.OrderBy(e => e.State == EntityState.Deleted ? -plan.Rank(e.Metadata) : 1000 + plan.Rank(e.Metadata)).ToList();
        foreach (var entry in ordered)
        {
            var rows = await WriteAsync(connection, transaction.GetDbTransaction(), plan.Table(entry.Metadata), entry, ct);
            if (rows != 1 && entry.State != EntityState.Added)
                throw new DbUpdateConcurrencyException(
                    $"The {entry.Metadata.GetTableName()} row {Key(entry)} was changed or removed by someone else since it was read " +
                    "(no row matched its key and version)");
        }
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// A row removed and added again under the same key: SaveChanges makes it one UPDATE, where a DELETE and an INSERT would
    /// let the database cascade the DELETE to the row's dependents.
    /// </summary>
    private static bool Replaced(List<EntityEntry> changed)
    {
        if (!changed.Exists(e => e.State == EntityState.Deleted) || !changed.Exists(e => e.State == EntityState.Added)) return false;
        var deleted = changed.Where(e => e.State == EntityState.Deleted).Select(e => (e.Metadata, Key(e))).ToHashSet();
        return changed.Exists(e => e.State == EntityState.Added && deleted.Contains((e.Metadata, Key(e))));
    }

    private static async Task<int> WriteAsync(SqliteConnection connection, DbTransaction transaction, TablePlan table, EntityEntry entry,
        CancellationToken ct)
    {
        var (text, set, where) = entry.State switch
        {
            EntityState.Added => (table.Insert, table.Columns, Array.Empty<ColumnPlan>()),
            EntityState.Deleted => (table.Delete, [], table.Match),
            _ => table.Update(entry),
        };
        // Marked modified with no column changed: SaveChanges sends nothing either.
        if (text.Length == 0) return 1;
        await using var command = SqliteStatementReuse.CommandFor(connection, text);
        command.Transaction = transaction;
        var index = 0;
        foreach (var column in set) Add(command, column, entry.Property(column.Property).CurrentValue, ref index);
        foreach (var column in where) Add(command, column, entry.Property(column.Property).OriginalValue, ref index);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException ex)
        {
            // As SaveChanges reports it: callers and the retry policy look for the database's error inside.
            throw new DbUpdateException($"Writing the {entry.Metadata.GetTableName()} row {Key(entry)} failed: {ex.Message}", ex);
        }
    }

    private static void Add(DbCommand command, ColumnPlan column, object? value, ref int index) =>
        command.Parameters.Add(column.Mapping.CreateParameter(command, ParameterName(index++), value, column.Property.IsNullable));

    private static string ParameterName(int index) => index < Names.Length ? Names[index] : "@p" + index;

    private static readonly string[] Names = Enumerable.Range(0, 64).Select(i => "@p" + i).ToArray();

    private static string Key(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p).CurrentValue));

    private sealed record ColumnPlan(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <summary>The statements of one table, from the EF Core model.</summary>
    private sealed class TablePlan
    {
        private readonly ISqlGenerationHelper _sql;
        private readonly string _table;
        private readonly ConcurrentDictionary<string, (string, ColumnPlan[], ColumnPlan[])> _updates = new(StringComparer.Ordinal);

        public TablePlan(IEntityType entity, ISqlGenerationHelper sql)
        {
            _sql = sql;
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            _table = sql.DelimitIdentifier(store.Name, store.Schema);
            Columns = entity.GetProperties().Select(p => new ColumnPlan(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping())).ToArray();
            Match = Columns.Where(c => c.Property.IsPrimaryKey()).Concat(Columns.Where(c => c.Property.IsConcurrencyToken && !c.Property.IsPrimaryKey()))
                .ToArray();
            Insert = $"INSERT INTO {_table} ({string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES " +
                     $"({string.Join(", ", Columns.Select((_, i) => ParameterName(i)))})";
            Delete = $"DELETE FROM {_table} WHERE {Conditions(Match, 0)}";
        }

        public ColumnPlan[] Columns { get; }

        /// <summary>The key, then the concurrency tokens: what a change or deletion must still find.</summary>
        public ColumnPlan[] Match { get; }

        public string Insert { get; }
        public string Delete { get; }

        /// <summary>The UPDATE of <paramref name="entry"/>'s changed columns (one text per set of columns, kept).</summary>
        public (string, ColumnPlan[], ColumnPlan[]) Update(EntityEntry entry)
        {
            var set = Columns.Where(c => !c.Property.IsPrimaryKey() && entry.Property(c.Property).IsModified).ToArray();
            if (set.Length == 0) return ("", set, Match);
            var shape = string.Join(",", set.Select(c => c.Name));
            return _updates.GetOrAdd(shape, _ =>
            (
                $"UPDATE {_table} SET {string.Join(", ", set.Select((c, i) => $"{_sql.DelimitIdentifier(c.Name)} = {ParameterName(i)}"))} " +
                $"WHERE {Conditions(Match, set.Length)}",
                set, Match
            ));
        }

        private string Conditions(ColumnPlan[] columns, int first) =>
            string.Join(" AND ", columns.Select((c, i) => $"{_sql.DelimitIdentifier(c.Name)} = {ParameterName(first + i)}"));
    }

    /// <summary>Which entity types are written here, their statements, and the order principals come before dependents.</summary>
    private sealed class ModelPlan
    {
        private readonly Dictionary<IEntityType, TablePlan> _tables = [];
        private readonly Dictionary<IEntityType, int> _ranks = [];

        public ModelPlan(IModel model, ISqlGenerationHelper sql)
        {
            foreach (var entity in model.GetEntityTypes().Where(e => StepTables.Contains(e.ClrType) && Plain(e)))
                _tables[entity] = new TablePlan(entity, sql);
            foreach (var entity in _tables.Keys) _ranks[entity] = Depth(entity, []);
        }

        public bool Writes(IEntityType entity) => _tables.ContainsKey(entity);
        public TablePlan Table(IEntityType entity) => _tables[entity];
        public int Rank(IEntityType entity) => _ranks[entity];

        /// <summary>One table, every property a column, nothing the database makes or computes.</summary>
        private static bool Plain(IEntityType entity) =>
            entity.GetTableName() is not null && entity.BaseType is null && !entity.GetDerivedTypes().Any()
            && !entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) && !entity.GetComplexProperties().Any()
            && entity.GetProperties().All(p => p.ValueGenerated == ValueGenerated.Never || p.IsPrimaryKey() && p.ClrType == typeof(Guid))
            && entity.GetProperties().All(p => p.GetComputedColumnSql() is null && p.GetDefaultValueSql() is null);

        /// <summary>How many principals stand above <paramref name="entity"/> (0 for a table that depends on none).</summary>
        private static int Depth(IEntityType entity, HashSet<IEntityType> seen)
        {
            if (!seen.Add(entity)) return 0;
            var depth = entity.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != entity)
                .Select(p => 1 + Depth(p, seen)).DefaultIfEmpty(0).Max();
            seen.Remove(entity);
            return depth;
        }
    }
}
