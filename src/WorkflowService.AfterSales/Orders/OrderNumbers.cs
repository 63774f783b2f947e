using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Orders;

/// <summary>
/// Work order numbers: type prefix, the department's day, and the day's sequence of that type, e.g.
/// <c>WX-20261205-001</c>. The sequence is a counter row bumped by one statement inside the order's transaction: a
/// concurrent order waits for the row (PostgreSQL) or for the write turn (SQLite), and an order that fails gives its
/// number back with its rollback, so the numbers of a day have no gaps and no repeats.
/// </summary>
public static class OrderNumbers
{
    private const string Bump = """
        INSERT INTO order_counters ("Prefix", "Day", "Last") VALUES (@prefix, @day, 1)
        ON CONFLICT ("Prefix", "Day") DO UPDATE SET "Last" = order_counters."Last" + 1
        RETURNING "Last"
        """;

    public static async Task<string> NextAsync(WorkflowDbContext db, OrderType type, DateOnly day, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
                          ?? throw new InvalidOperationException("An order number is drawn inside the order's transaction, or it could be lost");
        var dayText = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Bump;
        AddParameter(command, "@prefix", type.Prefix);
        AddParameter(command, "@day", dayText);
        var last = Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return Format(type, dayText, last);
    }

    public static string Format(OrderType type, string day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{type.Prefix}-{day}-{sequence:000}");

    private static void AddParameter(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
